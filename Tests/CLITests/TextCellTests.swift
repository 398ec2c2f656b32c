import CartPoleKit
import Foundation
import TestSupport
import Testing

/// Text from input leaves the tool in CSV, Markdown and HTML as that text, never as structure or code.
@Suite struct TextCellTests {
    static let hostile = [
        "plain", "a,b", "say \"hi\"", "line\nbreak", "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)",
        "<script>alert(1)</script>", "a|b", "back\\slash `code`", "\u{1B}[2J\u{1B}]0;PWNED\u{07}", "it's & <b>",
    ]

    /// Fields of one CSV record per RFC 4180.
    static func parseCSV(_ text: String) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false
        var atStart = true
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" {
                            field.append("\"")
                        } else {
                            quoted = false
                            pending = next
                        }
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(c)
                }
            } else if c == "\"" && atStart {
                quoted = true
            } else if c == "," {
                record.append(field)
                field = ""
                atStart = true
                continue
            } else if c == "\n" {
                record.append(field)
                records.append(record)
                record = []
                field = ""
                atStart = true
                continue
            } else {
                field.append(c)
            }
            atStart = false
        }
        if !field.isEmpty || !record.isEmpty {
            record.append(field)
            records.append(record)
        }
        return records
    }

    @Test func csvFieldsReadBackAsTheTextAndNeverAsFormulas() {
        for text in Self.hostile {
            let line = "\(TextCell.csv(text)),1\n"
            let records = Self.parseCSV(line)
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
            let html = TextCell.html(text)
            #expect(!html.contains("<") && !html.contains("\"") && !html.contains("'"), "\(text.debugDescription)")
        }
    }

    @Test func hostileLabelsLeaveCompareAsText() throws {
        let folder = try Fixtures.temporaryDirectory("labels")
        defer { try? FileManager.default.removeItem(at: folder) }
        let labels = ["=HYPERLINK(\"x\"),<script>", "a|b\nc"]
        var arguments = ["compare", "--out", folder.appendingPathComponent("out").path]
        for (index, label) in labels.enumerated() {
            let run = folder.appendingPathComponent("runs\(index)")
            let trained = try cartpole(
                "train", "--frames", "200", "--hidden", "8", "--eval-every", "100", "--eval-episodes", "1",
                "--out", run.path)
            try #require(trained.status == 0, "\(trained.stderr)")
            arguments += ["--from", run.path, "--label", label]
        }
        let result = try runProcess(cartpoleBinary, arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out")
        let csv = Self.parseCSV(try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8))
        #expect(csv.count == 3 && csv.allSatisfy { $0.count == 6 }, "\(csv)")
        #expect(csv.dropFirst().map { $0[0] } == ["'" + labels[0], labels[1]])
        let markdown = try String(contentsOf: out.appendingPathComponent("compare.md"), encoding: .utf8)
        #expect(markdown.split(separator: "\n").count == 4, "a header, a rule and one row per variant")
        #expect(!markdown.contains("<script>"))
    }
}
