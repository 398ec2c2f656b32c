import Foundation
import TestSupport
import Testing

/// Bad input beyond the table of docs/errors.md: a one-line message naming the problem, a non-zero exit,
/// no stack trace, no new file.
@Suite struct BadInputTests {
    // Every option and damaged file of docs/errors.md is run by ErrorsTableTests; these are the cases
    // that need more than one command or a look at the output folder.

    @Test func aCorruptCheckpointIsRefusedWithoutAVideo() throws {
        let folder = try Fixtures.temporaryDirectory("corrupt")
        let checkpoint = folder.appendingPathComponent("agent.safetensors")
        try Data([0x10, 0, 0, 0, 0, 0, 0, 0, 0x7B, 0x7D]).write(to: checkpoint)
        let result = try cartpole("record", "--agent", checkpoint.path, "--out", folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("is not a usable agent checkpoint"), "\(result.stderr)")
        #expect(files(in: folder) == ["agent.safetensors"])
    }

    @Test func aMalformedMetricsFileNamesTheLine() throws {
        let folder = try Fixtures.temporaryDirectory("csv")
        let metrics = folder.appendingPathComponent("metrics.csv")
        try Data("frame,update,loss,epsilon,episode,score\n1,1,0.5,0.9,,\n2,2,zero,0.9,,\n".utf8).write(to: metrics)
        let result = try cartpole("plot", "--metrics", metrics.path, "--out", folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("metrics.csv: line 3: 'zero' is not a valid loss"), "\(result.stderr)")
        #expect(files(in: folder) == ["metrics.csv"])
    }

    @Test(arguments: [
        ("/proc/cartpole-cannot-exist/out", "cannot create the folder"),
        ("/proc", "cannot write into the folder"),
    ])
    func unusableOutputFoldersAreRefusedBeforeAnyWork(_ path: String, _ expected: String) throws {
        for command in [
            ["train", "--frames", "50"], ["run", "--frames", "50"], ["record", "--agent", Self.sampleAgent.path],
        ] {
            let result = try runProcess(cartpoleBinary, command + ["--out", path])
            #expect(result.status != 0)
            #expect(result.stderr.hasPrefix("error: --out \(path): \(expected)"), "\(result.stderr)")
            #expect(!result.stderr.contains("train:"), "it fails before training")
        }
    }

    /// A small trained agent for the `record` cases, made once.
    static let sampleAgent = trainedFolder("sample-agent", ["--frames", "100"]).appendingPathComponent(
        "agent.safetensors")

    /// A checkpoint's bytes damaged in the ways users meet: empty, cut short, a lying header length,
    /// a foreign tensor name, a wrong dtype, and a hidden size that disagrees with the shapes.
    static func damagedCheckpoints(from data: Data) -> [(String, Data, String)] {
        let header = SafetensorsBytes.header(data)
        func withHeader(_ text: String) -> Data { SafetensorsBytes.replacingHeader(data, with: text) }
        var lying = data
        lying[0] = 0xFF
        lying[3] = 0x7F
        return [
            ("empty", Data(), "too short"),
            ("truncated", data.prefix(data.count / 2), "truncated"),
            ("lying header length", lying, "header length"),
            (
                "wrong tensor name",
                withHeader(header.replacingOccurrences(of: "layers.2.bias", with: "layers.3.bias")), "unexpected tensor"
            ),
            ("wrong dtype", withHeader(header.replacingOccurrences(of: "\"F32\"", with: "\"I32\"")), "dtype I32"),
            (
                "hidden disagrees",
                withHeader(header.replacingOccurrences(of: "\"hidden\":\"8\"", with: "\"hidden\":\"16\"")),
                "hidden size 16"
            ),
        ]
    }

    @Test func damagedCheckpointsAreRefusedByRecord() throws {
        let folder = try Fixtures.temporaryDirectory("damaged")
        let trained = try cartpole("train", "--out", folder.path, "--frames", "100", "--hidden", "8")
        #expect(trained.status == 0)
        let good = try Data(contentsOf: folder.appendingPathComponent("agent.safetensors"))
        let damaged = folder.appendingPathComponent("damaged")
        try FileManager.default.createDirectory(at: damaged, withIntermediateDirectories: true)
        for (label, bytes, expected) in Self.damagedCheckpoints(from: good) {
            let path = damaged.appendingPathComponent("\(label).safetensors")
            try bytes.write(to: path)
            let out = folder.appendingPathComponent("videos-\(label)")
            let result = try cartpole("record", "--agent", path.path, "--out", out.path)
            #expect(result.status != 0, "\(label)")
            #expect(
                result.stderr.hasPrefix("error: \(path.path) is not a usable agent checkpoint"),
                "\(label): \(result.stderr)")
            #expect(result.stderr.contains(expected), "\(label): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(!FileManager.default.fileExists(atPath: out.path), "\(label): no output folder, no video")
        }
    }

    @Test(arguments: [
        ("", "the file is empty"),
        ("frame,update,loss\n1,2,3\n", "line 1: missing column(s) epsilon, episode, score"),
        ("frame,update,loss,epsilon,episode,score\n1,2,NaNx,0.5,,\n", "line 2: 'NaNx' is not a valid loss"),
        ("frame,update,loss,epsilon,episode,score\n1,2,0.5,0.5,,\n2,3\n", "line 3: 2 fields, expected 6"),
    ])
    func malformedMetricsAreRefusedByPlot(_ text: String, _ expected: String) throws {
        let folder = try Fixtures.temporaryDirectory("csv-cases")
        let metrics = folder.appendingPathComponent("metrics.csv")
        try Data(text.utf8).write(to: metrics)
        let result = try cartpole("plot", "--metrics", metrics.path, "--out", folder.path)
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: \(metrics.path): \(expected)"), "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
        #expect(files(in: folder) == ["metrics.csv"], "no PNG is written")
    }

    @Test func anOutputPathThatIsAFileIsRefused() throws {
        let folder = try Fixtures.temporaryDirectory("file-out")
        let file = folder.appendingPathComponent("taken")
        try Data("x".utf8).write(to: file)
        let trained = try cartpole("train", "--frames", "100", "--hidden", "8", "--out", folder.path)
        #expect(trained.status == 0)
        let agent = folder.appendingPathComponent("agent.safetensors").path
        let metrics = folder.appendingPathComponent("metrics.csv").path
        for arguments in [
            ["train", "--frames", "100"], ["run", "--frames", "100"], ["record", "--agent", agent],
            ["eval", "--agent", agent],
            ["plot", "--metrics", metrics], ["qmap", "--agent", agent], ["compare", "--frames", "100"],
        ] {
            let result = try runProcess(cartpoleBinary, arguments + ["--out", file.path])
            #expect(result.status != 0)
            #expect(
                result.stderr
                    == "error: --out \(file.path) exists and is not a folder; choose a folder for the outputs\n",
                "\(arguments[0]): \(result.stderr)")
            #expect(try String(contentsOf: file, encoding: .utf8) == "x", "the file is left as it was")
        }
    }
}
