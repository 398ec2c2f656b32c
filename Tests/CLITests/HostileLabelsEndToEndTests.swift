import Foundation
import TestSupport
import Testing

/// Labels from the command line leave `compare` in CSV and Markdown as text, never as structure or code.
@Suite struct HostileLabelsEndToEndTests {
    @Test func hostileLabelsLeaveCompareAsText() throws {
        let folder = try Fixtures.temporaryDirectory("labels")
        let labels = ["=HYPERLINK(\"x\"),<script>", "a|b ![t](http://x.example/i.png) [c](javascript:alert(1))"]
        var arguments = ["compare", "--out", folder.appendingPathComponent("out").path]
        for (index, label) in labels.enumerated() {
            let run = folder.appendingPathComponent("runs\(index)")
            let trained = try cartpole(
                "train", "--frames", "200", "--hidden", "8", "--eval-every", "100", "--eval-episodes", "1",
                "--out", run.path)
            try #require(trained.status == 0, "\(trained.stderr)")
            arguments += ["--from", run.path, "--label", label]
        }
        // A label on two lines (CR LF then a formula) is refused before any work.
        let twoLines = try runProcess(
            cartpoleBinary, arguments.dropLast() + ["ok\r\n=cmd|' /C calc'!A0"])
        #expect(
            twoLines.status == 64 && twoLines.stderr.contains("must be one line of at most 200 characters"),
            "\(twoLines.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("out").path))
        let result = try runProcess(cartpoleBinary, arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let out = folder.appendingPathComponent("out")
        let csv = RFC4180.records(try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8))
        #expect(csv.count == 3 && csv.allSatisfy { $0.count == 6 }, "\(csv)")
        #expect(csv.dropFirst().map { $0[0] } == ["'" + labels[0], labels[1]])
        let markdown = try String(contentsOf: out.appendingPathComponent("compare.md"), encoding: .utf8)
        #expect(markdown.split(separator: "\n").count == 4, "a header, a rule and one row per variant")
        #expect(!markdown.contains("<script>"))
        #expect(
            !markdown.contains("](") && !markdown.contains("http:"), "\(markdown)")
    }
}
