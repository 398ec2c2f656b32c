import Foundation
import TestSupport
import Testing

/// Inputs built to hurt: enormous, sparse, NUL-filled, one endless line, terminal escapes, a byte-order
/// mark. Every reader refuses what cannot be a real input in bounded memory within seconds, and shows
/// input text escaped and cut short.
@Suite struct HostileInputTests {
    /// Runs `cartpole` with its address space limited to 3 GB, so a reader that takes a 2 GB file whole fails.
    func boundedCartpole(_ arguments: [String]) throws -> (result: ProcessResult, seconds: Double) {
        let started = Date()
        let result = try runProcess(
            "/bin/bash", ["-c", "ulimit -v 3000000; exec \"$0\" \"$@\"", cartpoleBinary] + arguments)
        return (result, Date().timeIntervalSince(started))
    }

    /// A sparse file of `size` bytes: `prefix`, then NUL bytes.
    func sparse(_ url: URL, size: Int, prefix: Data = Data()) throws {
        try prefix.write(to: url)
        let handle = try FileHandle(forWritingTo: url)
        try handle.truncate(atOffset: UInt64(size))
        try handle.close()
    }

    /// A large file under the agent files' limit that begins as no agent's file does (a replay buffer, an
    /// image) is refused after its first piece: with 600 MB of address space, 900 MB are never taken.
    @Test func aLargeFileThatIsNoAgentIsRefusedAfterItsFirstPiece() throws {
        let folder = try Fixtures.temporaryDirectory("sparse-agent")
        let replay = folder.appendingPathComponent("replay.pt")
        try sparse(replay, size: 900 << 20, prefix: Data([0x80, 0x04, 0x95]))
        let result = try runProcess(
            "/bin/bash",
            [
                "-c", "ulimit -v 600000; exec \"$0\" \"$@\"", cartpoleBinary, "eval", "--agent", replay.path, "--out",
                folder.appendingPathComponent("out").path,
            ])
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("begins as no agent's file does"))
        #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
    }

    @Test func twoSparseGigabytesAreRefusedByEveryReaderAtOnce() throws {
        let folder = try Fixtures.temporaryDirectory("sparse")
        let zeros = folder.appendingPathComponent("zeros.bin")
        try sparse(zeros, size: 2 << 30)
        // A valid metrics header, then NUL bytes; a valid checkpoint header, then NUL bytes.
        let metrics = folder.appendingPathComponent("metrics.csv")
        try sparse(
            metrics, size: 2 << 30, prefix: Data("frame,update,loss,epsilon,episode,score\n1,1,0.5,0.9,,\n".utf8))
        let agent = Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors")
        let padded = folder.appendingPathComponent("padded.safetensors")
        try sparse(padded, size: 2 << 30, prefix: try Data(contentsOf: agent))
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try sparse(
            logs.appendingPathComponent("0.monitor.csv"), size: 2 << 30,
            prefix: Data("#{\"t_start\": 1}\nr,l,t\n1,1,1\n".utf8))
        let out = folder.appendingPathComponent("out").path
        let cases: [([String], String)] = [
            (["plot", "--metrics", zeros.path, "--out", out], "line 1: a NUL byte; this is not a text file"),
            (["plot", "--metrics", metrics.path, "--out", out], "line 3: a NUL byte; this is not a text file"),
            (
                ["record", "--agent", zeros.path, "--out", out],
                "larger than an agent's file can be"
            ),
            (
                ["eval", "--agent", padded.path, "--out", out],
                "larger than an agent's file can be"
            ),
            (
                ["qmap", "--agent", zeros.path, "--out", out],
                "larger than an agent's file can be"
            ),
            (
                ["compare", "--from", logs.path, "--label", "logs", "--out", out],
                "line 4: a NUL byte; this is not a text file"
            ),
        ]
        for (arguments, expected) in cases {
            let (result, seconds) = try boundedCartpole(arguments)
            #expect(result.status == 1, "\(arguments[0]): \(result.stderr)")
            #expect(
                result.stderr.hasPrefix("error: ") && result.stderr.contains(expected),
                "\(arguments[0]): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(seconds < 20, "\(arguments[0]) took \(seconds) s")
        }
    }

    @Test func aCheckpointWithBytesAfterItsTensorsIsRefused() throws {
        let folder = try Fixtures.temporaryDirectory("trailing")
        var bytes = try Data(contentsOf: Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors"))
        bytes.append(contentsOf: [1, 2, 3])
        let url = folder.appendingPathComponent("trailing.safetensors")
        try bytes.write(to: url)
        let result = try cartpole("eval", "--agent", url.path, "--out", folder.appendingPathComponent("e").path)
        #expect(result.status == 1)
        #expect(result.stderr.contains("3 bytes follow the last tensor's data"), "\(result.stderr)")
    }

    @Test func inputTextInMessagesIsEscapedAndCutShort() throws {
        let folder = try Fixtures.temporaryDirectory("escapes")
        let header = "frame,update,loss,epsilon,episode,score\n"
        let cases: [(String, String)] = [
            (
                header + "1,1,\u{1B}[2J\u{1B}]0;PWNED\u{07},0.9,,\n",
                "line 2: '\\u{1B}[2J\\u{1B}]0;PWNED\\u{7}' is not a valid loss"
            ),
            (
                header + "1,1," + String(repeating: "9x", count: 5000) + ",0.9,,\n",
                "(10000 characters)' is not a valid loss"
            ),
            ("a,b\n1,2\n", "(columns: a, b)"),
            ((0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n", "c11, … (100000 in all))"),
        ]
        for (text, expected) in cases {
            let url = folder.appendingPathComponent("m.csv")
            try Data(text.utf8).write(to: url)
            let result = try cartpole("plot", "--metrics", url.path, "--out", folder.appendingPathComponent("p").path)
            #expect(result.status == 1)
            #expect(result.stderr.contains(expected), "\(result.stderr.prefix(300))")
            #expect(!result.stderr.contains("\u{1B}") && result.stderr.count < 600, "escaped and bounded")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func aByteOrderMarkIsAccepted() throws {
        let folder = try Fixtures.temporaryDirectory("bom")
        let url = folder.appendingPathComponent("metrics.csv")
        try Data(("\u{FEFF}frame,update,loss,epsilon,episode,score\r\n1,1,0.5,0.9,1,10\r\n2,2,0.4,0.8,,\r\n").utf8)
            .write(to: url)
        let result = try cartpole("plot", "--metrics", url.path, "--out", folder.appendingPathComponent("p").path)
        #expect(result.status == 0, "\(result.stderr)")
        let monitor = folder.appendingPathComponent("0.monitor.csv")
        try Data("\u{FEFF}#{\"t_start\": 1}\r\nr,l,t\r\n10,10,1\r\n20,20,2\r\n".utf8).write(to: monitor)
        let log = try cartpole("plot", "--metrics", monitor.path, "--out", folder.appendingPathComponent("q").path)
        #expect(log.status == 0, "a monitor.csv with a BOM and CRLF: \(log.stderr)")
    }

    /// A long evaluation shows its progress and, stopped, keeps the episodes played, marked interrupted.
    @Test func ctrlCDuringEvalKeepsTheEpisodesPlayed() throws {
        let folder = try Fixtures.temporaryDirectory("eval-interrupt")
        let agent = Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors").path
        let result = try interrupt(
            ["eval", "--agent", agent, "--episodes", "1000000", "--out", folder.path], when: "eval: ", with: SIGINT)
        #expect(result.status == 130, "\(result.stderr)")
        #expect(result.stderr.contains("interrupted after"), "\(result.stderr)")
        let manifest = try verifiedManifest(folder)
        #expect(manifest.state == .interrupted)
        let rows =
            try String(contentsOf: folder.appendingPathComponent("eval.csv"), encoding: .utf8).split(separator: "\n")
            .count - 1
        #expect(rows > 0 && rows < 1_000_000)
    }
}
