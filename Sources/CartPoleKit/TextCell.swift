/// Text from input (a variant's label) as a cell of the files the tool writes for other programs.
public enum TextCell {
    /// An RFC 4180 CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). A
    /// field that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
    /// return) gets a leading apostrophe, as OWASP advises, so it stays text.
    public static func csv(_ text: String) -> String {
        let safe = text.first.map { "=+-@\t\r".contains($0) } == true ? "'" + text : text
        guard safe.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return safe }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text for HTML, in an element or a quoted attribute.
    public static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A Markdown table cell that renders as the text itself: HTML's special characters as entities, the
    /// cell separator and backslash escaped, line breaks as spaces.
    public static func markdown(_ text: String) -> String {
        var cell = ""
        for character in text {
            switch character {
            case "&": cell += "&amp;"
            case "<": cell += "&lt;"
            case ">": cell += "&gt;"
            case "|": cell += "\\|"
            case "\\": cell += "\\\\"
            case "`": cell += "\\`"
            case "\n", "\r", "\r\n": cell += " "
            default: cell.append(character)
            }
        }
        return cell
    }
}
