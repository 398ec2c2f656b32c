import Foundation

/// Text from input (a variant's label) as a cell of the files the tool writes for other programs.
package enum TextCell {
    /// An RFC 4180 CSV field: quoted when it holds a comma, a quote or a line break (quotes doubled). A
    /// field that a spreadsheet would run as a formula (starting with =, +, -, @, a tab or a carriage
    /// return) gets a leading apostrophe, as OWASP advises, so it stays text.
    /// Scalars, not `Character`s, are checked: CR LF is one `Character`, equal to neither CR nor LF.
    package static func csv(_ text: String) -> String {
        let safe =
            text.unicodeScalars.first.map { "=+-@\t\r\n".unicodeScalars.contains($0) } == true ? "'" + text : text
        guard safe.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else {
            return safe
        }
        return "\"" + safe.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text for HTML, in an element or a quoted attribute.
    package static func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }

    /// A Markdown table cell that renders as the text itself: HTML's special characters as entities, the
    /// cell separator, backslash, emphasis and the parentheses a link or image needs after its brackets
    /// escaped, and what autolinks need (a scheme's `://`, `www.`, an address's `@`), so nothing is linked;
    /// line breaks and other controls as spaces. Brackets stay, so an interval reads `[9.0, 10.0]`.
    package static func markdown(_ text: String) -> String {
        var cell = ""
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case "&": cell += "&amp;"
            case "<": cell += "&lt;"
            case ">": cell += "&gt;"
            case "|", "\\", "`", "(", ")", "*", "_", "~", "@":
                cell += "\\" + String(scalar)
            case ":" where index + 1 < scalars.count && scalars[index + 1] == "/":
                cell += "\\:"  // a scheme's "://", which an autolink needs
            default:
                if scalar.properties.generalCategory == .control {
                    cell += " "
                } else {
                    cell.unicodeScalars.append(scalar)
                }
            }
        }
        return cell.replacingOccurrences(of: "www.", with: "www\\.", options: .caseInsensitive)
    }

    /// A link's target in a report: a path relative to the report's folder, each segment percent-encoded
    /// (`:` included, so that no segment reads as a scheme such as `javascript:`); nil for anything else
    /// (an absolute path, `..`, an empty segment), which is then not linked.
    package static func href(_ path: String) -> String? {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        guard !segments.isEmpty, segments.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." }) else { return nil }
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~=,+")
        return segments.map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? "" }.joined(separator: "/")
    }
}
