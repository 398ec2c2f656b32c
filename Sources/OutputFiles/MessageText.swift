import Foundation

/// Text that came from outside (a file's field or header, a holder's command line) as a message shows
/// it: on one line, control characters (terminal escapes, NUL, newlines) written as `\u{1B}`, and cut to
/// `limit` characters, so that no input can rewrite the terminal or flood it.
package enum MessageText {
    package static func shown(_ text: some StringProtocol, limit: Int = 80) -> String {
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

    /// Text as the terminal gets it, line by line: every control character but the line breaks and tabs
    /// escaped as `shown` escapes them, and each line cut to `lineLimit` characters. Whatever a message or
    /// a printed table took from input, it cannot rewrite the terminal or flood it.
    package static func terminal(_ text: String, lineLimit: Int = 2000) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            line.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F || $0 == "\t" }
                && line.utf8.count <= lineLimit
                ? String(line)
                : line.split(separator: "\t", omittingEmptySubsequences: false).map { shown($0, limit: lineLimit) }
                    .joined(separator: "\t")
        }.joined(separator: "\n")
    }

    /// A list of names from outside (a header's columns), each shown, at most `limit` of them.
    package static func shownList(_ items: [some StringProtocol], limit: Int = 12) -> String {
        let shown = items.prefix(limit).map { Self.shown($0, limit: 40) }.joined(separator: ", ")
        return items.count > limit ? shown + ", … (\(items.count) in all)" : shown
    }

    /// A number of bytes as messages give memory: "1.4 GiB".
    package static func gibibytes(_ bytes: Int) -> String {
        bytes == .max ? "more than 8 EiB" : String(format: "%.1f GiB", Double(bytes) / Double(1 << 30))
    }
}
