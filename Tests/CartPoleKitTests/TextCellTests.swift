import CartPoleKit
import Foundation
import TestSupport
import Testing

/// Text from input leaves the tool in CSV, Markdown and HTML as that text, never as structure or code.
@Suite struct TextCellTests {
    static let hostile = [
        "plain", "a,b", "say \"hi\"", "line\nbreak", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)",
        "<script>alert(1)</script>", "a|b", "back\\slash `code`", "\u{1B}[2J\u{1B}]0;PWNED\u{07}", "it's & <b>",
        "ok\r\n=cmd|' /C calc'!A0", "\r\n=1+1", "![t](http://x.example/i.png)", "[click](javascript:alert(1))",
        "www.example.com", "me@example.com", "<http://x>",
    ]

    @Test func csvFieldsReadBackAsTheTextAndNeverAsFormulas() {
        for text in Self.hostile {
            let line = "\(TextCell.csv(text)),1\n"
            let records = RFC4180.records(line)
            #expect(records.count == 1 && records[0].count == 2, "\(text.debugDescription) stays one field")
            let field = records[0][0]
            #expect(!"=+-@".contains(field.first ?? " "), "\(text.debugDescription) cannot run as a formula")
            #expect(field == text || field == "'" + text)
        }
    }

    @Test func markdownAndHTMLCellsHoldNoStructure() {
        for text in Self.hostile {
            let cell = TextCell.markdown(text)
            #expect(!cell.contains("\n") && !cell.contains("<") && !cell.contains(">"), "\(text.debugDescription)")
            #expect(cell.replacingOccurrences(of: "\\|", with: "").contains("|") == false, "no bare cell separator")
            for live in ["](", "http:", "www."] {
                #expect(!cell.contains(live), "\(text.debugDescription) keeps no live Markdown: \(cell)")
            }
            #expect(cell.replacingOccurrences(of: "\\@", with: "").contains("@") == false, "no address autolinked")
            let html = TextCell.html(text)
            #expect(!html.contains("<") && !html.contains("\"") && !html.contains("'"), "\(text.debugDescription)")
        }
    }

    /// A report links only relative paths inside its folder, percent-encoded by segment.
    @Test func linksAreRelativePathsInsideTheFolder() {
        #expect(TextCell.href("runs/n-step=3/seed-1") == "runs/n-step=3/seed-1")
        #expect(TextCell.href("javascript:alert(1)") == "javascript%3Aalert%281%29")
        #expect(TextCell.href("runs/a b\"<x>/seed-1") == "runs/a%20b%22%3Cx%3E/seed-1")
        for outside in ["/etc/passwd", "../x", "runs/../../x", "", "a//b", "./a"] {
            #expect(TextCell.href(outside) == nil, "\(outside) is not linked")
        }
    }
}
