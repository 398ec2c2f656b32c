import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// `docs/errors.md` is the one table of bad input and what the tool answers. This test reads it, makes the
/// damaged files its rows name in a scratch folder, runs every row there (a test case each, one after
/// another, named by its command) and checks the exact message, the exit status, and that no file was
/// created or changed. `CARTPOLE_UPDATE_ERRORS_TABLE=1` rewrites each row's exit and message columns from
/// what the tool says instead (then review the diff).
@Suite struct ErrorsTableTests {
    struct Row: Sendable, CustomTestStringConvertible {
        var line: Int
        var command: String
        var exit: Int32
        var message: String
        var testDescription: String { command }
    }

    static let document = Fixtures.packageRoot.appendingPathComponent("docs/errors.md")
    static func rows(_ lines: [String]) -> [Row] {
        let rowPattern = /^\| `(?<command>[^`]+)` \| (?<exit>[0-9?]+) \| (?<message>.*) \|$/
        return lines.enumerated().compactMap { index, line in
            guard let match = line.wholeMatch(of: rowPattern) else { return nil }
            return Row(
                line: index, command: String(match.command), exit: Int32(match.exit) ?? -1,
                message: String(match.message))
        }
    }

    /// The files the rows name: a small trained agent and damaged copies of it, damaged metrics files, a
    /// plain file where a folder is expected.
    static func prepare(_ folder: URL) throws {
        let trained = folder.appendingPathComponent("trained")
        let result = try runProcess(
            cartpoleBinary, ["train", "--frames", "100", "--hidden", "8", "--out", trained.path])
        try #require(result.status == 0, "\(result.stderr)")
        let agent = try Data(contentsOf: trained.appendingPathComponent("agent.safetensors"))
        try FileManager.default.removeItem(at: trained)
        func write(_ name: String, _ data: Data) throws { try data.write(to: folder.appendingPathComponent(name)) }
        func edited(_ find: String, _ replacement: String) -> Data {
            SafetensorsBytes.editingHeader(agent) { $0 = $0.replacingOccurrences(of: find, with: replacement) }
        }
        var lying = agent
        lying[0] = 0xFF
        lying[3] = 0x7F
        try write("agent.safetensors", agent)
        try write("empty.safetensors", Data())
        try write("truncated.safetensors", agent.prefix(agent.count / 2))
        try write("lying.safetensors", lying)
        try write("names.safetensors", edited("layers.2.bias", "layers.3.bias"))
        try write("dtype.safetensors", edited("\"F32\"", "\"I32\""))
        try write("hidden.safetensors", edited("\"hidden\":\"8\"", "\"hidden\":\"16\""))
        try write("offsets.safetensors", edited("\"data_offsets\":[0,128]", "\"data_offsets\":[0,9223372036854775807]"))
        try write("shape.safetensors", edited("[8,4]", "[4611686018427387904,4]"))
        // The notebook's network as another tool saves it (no metadata), whole, then damaged.
        let foreign = try Data(contentsOf: Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors"))
        try write("pytorch.safetensors", foreign)
        let file = try SafetensorsFile(foreign)
        let tensors = try Checkpoint.tensorNames.map { name in
            (name: name, shape: file.tensors[name]!.shape, values: try file.floats(name))
        }
        try write(
            "foreign-missing.safetensors", SafetensorsFile.encode(metadata: [:], tensors: Array(tensors.dropLast())))
        var misshapen = tensors
        misshapen[2].shape = [64, 256]
        try write("foreign-shape.safetensors", SafetensorsFile.encode(metadata: [:], tensors: misshapen))
        // Other trainers' files that must be refused (Tests/Fixtures/agents).
        for name in ["evil_system.pt", "bomb.pt", "truncated.zip", "sb3_ppo.zip", "sb3_dqn_acrobot.zip"] {
            try write(name, try Data(contentsOf: Fixtures.directory.appendingPathComponent("agents/\(name)")))
        }
        let header = "frame,update,loss,epsilon,episode,score\n"
        try write("empty.csv", Data())
        try write("columns.csv", Data("frame,update,loss\n1,2,3\n".utf8))
        try write("number.csv", Data((header + "1,2,abc,0.5,,\n").utf8))
        try write("ragged.csv", Data((header + "1,2,0.5,0.5,,\n2,3\n").utf8))
        try write("bigint.csv", Data((header + "99999999999999999999,1,0.5,0.5,,\n").utf8))
        let quantiles =
            "frame,update,loss,epsilon,episode,score,priority_q05,priority_q25,priority_q50,priority_q75,priority_q95\n"
        try write("quantiles.csv", Data((quantiles + "1,1,0.5,0.5,,,0.1,0.2,0.3,,\n").utf8))
        try write("returns.csv", Data("step,episode_return\n10,10\n".utf8))
        try write("afile", Data("x".utf8))
        // Result folders: one of `run`, one with a file in the way and no manifest, one with a manifest not
        // ours, one whose listed metrics.csv was changed after it was written.
        func manifest(_ command: String, files: String = "[]") -> Data {
            Data(
                """
                {"tool":"cartpole","version":"0","command":"\(command)","arguments":[],"settings":{},"state":"complete",
                 "started":"","finished":"","files":\(files)}
                """.utf8)
        }
        for name in ["ran", "inway", "badmanifest", "changed"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try write("ran/manifest.json", manifest("run"))
        try write("inway/metrics.csv", Data((header + "1,1,0.5,0.9,,\n").utf8))
        try write("badmanifest/manifest.json", Data("{\"tool\": \"other\"}".utf8))
        try write("changed/metrics.csv", Data((header + "1,1,0.5,0.9,,\n").utf8))
        try write(
            "changed/manifest.json", manifest("train", files: #"[{"path":"metrics.csv","size":47,"sha256":"00"}]"#))
        // Foreign files with legal but absurd content: an unknown environment, weights whose Q-values overflow,
        // a monitor.csv with a non-finite return.
        try write("v9.safetensors", SafetensorsFile.encode(metadata: ["env_id": "CartPole-v9"], tensors: tensors))
        var huge = tensors
        huge[4].values = huge[4].values.map { $0 < 0 ? -3e38 : 3e38 }
        try write("huge.safetensors", SafetensorsFile.encode(metadata: [:], tensors: huge))
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("nanlogs"), withIntermediateDirectories: true)
        try write("nanlogs/0.monitor.csv", Data("#{\"t_start\": 1}\nr,l,t\n10,10,1\nnan,5,2\n".utf8))
        // Monitor logs that name their environment, as Stable-Baselines3 writes them.
        for (name, id) in [("v0logs", "CartPole-v0"), ("v1logs", "CartPole-v1"), ("acrobotlogs", "Acrobot-v1")] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
            try write(
                "\(name)/monitor.csv", Data("#{\"t_start\": 1, \"env_id\": \"\(id)\"}\nr,l,t\n10,10,1\n".utf8))
        }
        try prepareRoundThree(folder, write: write)
    }

    /// The third attack's files (issue 30): result folders that reach outside themselves, pickles and event
    /// files that claim a lot.
    static func prepareRoundThree(_ folder: URL, write: (String, Data) throws -> Void) throws {
        func manifest(_ command: String, _ files: String) -> Data {
            Data(
                """
                {"tool":"cartpole","version":"0","command":"\(command)","arguments":[],"settings":{},"state":"complete",
                 "started":"","finished":"","files":\(files)}
                """.utf8)
        }
        for name in ["forged", "owner/checkpoints", "linkedlock", "journal", "outside", "naneventlog", "fareventlog"] {
            try FileManager.default.createDirectory(
                at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        try write(
            "forged/manifest.json", manifest("train", #"[{"path":"../../../etc/passwd","size":1,"sha256":"00"}]"#))
        try write(
            "owner/manifest.json",
            manifest("train", #"[{"path":"checkpoints/agent-000100.safetensors","size":1,"sha256":"00"}]"#))
        try write("owner/checkpoints/agent-000100.safetensors", Data("x".utf8))
        link(
            folder.appendingPathComponent("afile").path, folder.appendingPathComponent("linkedlock/.cartpole.lock").path
        )
        try write("outside/keep.txt", Data("precious".utf8))
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent("journal/.cartpole-staging-1-1").path,
            withDestinationPath: "../outside")
        try write("journal/.cartpole-commit", Data(#"{"staging":".cartpole-staging-1-1","remove":[]}"#.utf8))
        let logs: [(String, [(step: Int, value: Float)])] = [
            ("naneventlog", [(10, .nan)]), ("fareventlog", [(10, 20), (Int.max, 200)]),
        ]
        for (name, scalars) in logs {
            let writer = try TensorBoardEventWriter(url: folder.appendingPathComponent("\(name)/events.out.tfevents.x"))
            for (step, value) in scalars { writer.add(step: step, scalars: [(ScalarTag.episodicReturn, value)]) }
            try writer.flush()
        }
        var nested: [UInt8] = [0x80, 2, 0x7D]
        for level in 0..<30_000 {
            let index = withUnsafeBytes(of: UInt32(level).littleEndian) { Array($0) }
            nested += [0x4B, 1, 0x7D, 0x72] + index + [0x73, 0x6A] + index
        }
        try write("nested.pt", StoredZip.make([("a/data.pkl", nested + [0x7D, 0x62, 0x2E])]))
        try write("flood.pt", StoredZip.make([("a/data.pkl", [0x80, 2] + [UInt8](repeating: 0x4E, count: 1_100_000))]))
    }

    /// Every file's name and bytes, to see that a refused command changed nothing.
    static func snapshot(_ folder: URL) -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            result[url.path] = (try? Data(contentsOf: url)) ?? Data()
        }
        return result
    }

    /// Runs a row's command (`[VAR=value ...] cartpole ARGS`, split at spaces) in `folder`.
    static func run(_ command: String, in folder: URL) throws -> ProcessResult {
        var words = command.split(separator: " ").map(String.init)
        var environment = ProcessInfo.processInfo.environment
        while let first = words.first, first.contains("="), !first.hasPrefix("-") {
            let pair = first.split(separator: "=", maxSplits: 1)
            environment[String(pair[0])] = String(pair[1])
            words.removeFirst()
        }
        try #require(words.first == "cartpole", "a row's command starts with cartpole: \(command)")
        return try runProcess(
            cartpoleBinary, Array(words.dropFirst()), environment: environment, currentDirectory: folder)
    }

    /// The table's rows, read once.
    static let table: [Row] =
        (try? String(contentsOf: document, encoding: .utf8)).map {
            rows($0.components(separatedBy: "\n"))
        } ?? []

    /// The scratch folder with the rows' files, and what it holds, made once for all rows.
    static let prepared: Result<(folder: URL, files: [String: Data]), any Error> = Result {
        let folder = try Fixtures.temporaryDirectory("errors-table")
        try prepare(folder)
        return (folder, snapshot(folder))
    }

    @Test func theTableIsThere() {
        #expect(Self.table.count >= 40, "docs/errors.md has its table")
    }

    @Test(.serialized, arguments: table) func eachRowIsWhatTheToolSays(_ row: Row) throws {
        let (folder, before) = try Self.prepared.get()
        let result = try Self.run(row.command, in: folder)
        let said = result.stderr.hasSuffix("\n") ? String(result.stderr.dropLast()) : result.stderr
        if ProcessInfo.processInfo.environment["CARTPOLE_UPDATE_ERRORS_TABLE"] == "1" {
            var lines = try String(contentsOf: Self.document, encoding: .utf8).components(separatedBy: "\n")
            lines[row.line] = "| `\(row.command)` | \(result.status) | \(said) |"
            try lines.joined(separator: "\n").write(to: Self.document, atomically: true, encoding: .utf8)
            return
        }
        #expect(result.status == row.exit, "exit \(result.status)")
        #expect(said == row.message)
        #expect(!said.contains("\n"), "one line")
        #expect(Self.snapshot(folder) == before, "no file created or changed")
    }
}
