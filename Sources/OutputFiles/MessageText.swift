/// Text that came from outside (a file's field or header, a holder's command line) as a message shows
/// it: on one line, control characters (terminal escapes, NUL, newlines) written as `\u{1B}`, and cut to
/// `limit` characters, so that no input can rewrite the terminal or flood it.
public enum MessageText {
    public static func shown(_ text: some StringProtocol, limit: Int = 80) -> String {
        var result = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count >= limit {
                return result + "… (\(text.unicodeScalars.count) characters)"
            }
            let category = scalar.properties.generalCategory
            if category == .control || category == .format || category == .lineSeparator
                || category == .paragraphSeparator
            {
                result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                result.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return result
    }

    /// A list of names from outside (a header's columns), each shown, at most `limit` of them.
    public static func shownList(_ items: [some StringProtocol], limit: Int = 12) -> String {
        let shown = items.prefix(limit).map { Self.shown($0, limit: 40) }.joined(separator: ", ")
        return items.count > limit ? shown + ", … (\(items.count) in all)" : shown
    }
}
