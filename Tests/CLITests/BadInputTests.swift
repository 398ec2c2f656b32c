import Foundation
import Testing
import TestSupport

/// Bad input: a one-line message naming the problem, a non-zero exit, no stack trace, no new file.
@Suite struct BadInputTests {
    static let cases: [([String], String)] = [
        (["train", "--frames", "0"], "--frames"),
        (["train", "--frames", "-5"], "frames"),
        (["train", "--frames", "many"], "frames"),
        (["train", "--batch-size", "64", "--memory-size", "32"], "--batch-size"),
        (["train", "--n-step", "0"], "--n-step"),
        (["train", "--env", "CartPole-v9"], "unknown environment id"),
        (["train", "--gamma", "2"], "--gamma"),
        (["train", "--min-epsilon", "0.5", "--max-epsilon", "0.2"], "--min-epsilon"),
        (["run", "--episodes", "0"], "--episodes"),
        (["run", "--size", "601x400"], "even"),
        (["run", "--size", "big"], "--size"),
        (["run", "--crf", "99"], "--crf"),
        (["run", "--fps", "0"], "--fps"),
        (["run", "--preset", "warp"], "--preset"),
        (["run", "--plot-every", "-1"], "--plot-every"),
        (["record", "--agent", "/nonexistent/agent.safetensors"], "no such file"),
        (["plot", "--metrics", "/nonexistent/metrics.csv"], "no such file"),
        (["plot", "--metrics", "x.csv", "--size", "10x10"], "--size"),
    ]

    @Test(arguments: cases)
    func isAOneLineErrorAndWritesNothing(_ arguments: [String], _ expected: String) throws {
        let folder = try Fixtures.temporaryDirectory("bad")
        defer { try? FileManager.default.removeItem(at: folder) }
        let out = folder.appendingPathComponent("out")
        let extra = arguments[0] == "plot" ? [] : ["--out", out.path]
        let result = try runProcess(cartpoleBinary, arguments + extra, currentDirectory: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").first?.contains(expected) == true, "the first line names the problem")
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("Stack dump"))
        #expect(files(in: folder).isEmpty, "nothing written: \(files(in: folder))")
    }

    @Test func aCorruptCheckpointIsRefusedWithoutAVideo() throws {
        let folder = try Fixtures.temporaryDirectory("corrupt")
        defer { try? FileManager.default.removeItem(at: folder) }
        let checkpoint = folder.appendingPathComponent("agent.safetensors")
        try Data([0x10, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]).write(to: checkpoint)
        let result = try cartpole("record", "--agent", checkpoint.path, "--out", folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a usable agent checkpoint"), "\(result.stderr)")
        #expect(files(in: folder) == ["agent.safetensors"])
    }

    @Test func aMalformedMetricsFileNamesTheLine() throws {
        let folder = try Fixtures.temporaryDirectory("csv")
        defer { try? FileManager.default.removeItem(at: folder) }
        let metrics = folder.appendingPathComponent("metrics.csv")
        try Data("frame,update,loss,epsilon,episode,score\n1,1,0.5,0.9,,\n2,2,zero,0.9,,\n".utf8).write(to: metrics)
        let result = try cartpole("plot", "--metrics", metrics.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("metrics.csv: line 3: 'zero' is not a valid loss"), "\(result.stderr)")
        #expect(files(in: folder) == ["metrics.csv"])
    }

    @Test func anOutputPathThatIsAFileIsRefused() throws {
        let folder = try Fixtures.temporaryDirectory("file-out")
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("taken")
        try Data("x".utf8).write(to: file)
        let result = try cartpole("train", "--frames", "10", "--out", file.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is a file, not a folder"), "\(result.stderr)")
    }
}
