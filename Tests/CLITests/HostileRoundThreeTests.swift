import Agent
import FileFormats
import Foundation
import OutputFiles
import TestSupport
import Testing

/// The cases of the third attack (issue 30), each rebuilt here and run under a 1.5 GB address-space limit:
/// each ends in one line with a status below 128 within seconds, or is handled, and nothing outside the
/// named folder is touched.
@Suite struct HostileRoundThreeTests {
    /// `cartpole` under `ulimit -v 1500000`, with how long it took.
    func bounded(_ arguments: [String], in folder: URL) throws -> (result: ProcessResult, seconds: Double) {
        let started = Date()
        let result = try runProcess(
            "/bin/bash", ["-c", "ulimit -v 1500000; exec \"$0\" \"$@\"", cartpoleBinary] + arguments,
            currentDirectory: folder)
        return (result, Date().timeIntervalSince(started))
    }

    func expectOneLineRefusal(
        _ arguments: [String], in folder: URL, containing words: String, status: Int32 = 1,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let (result, seconds) = try bounded(arguments, in: folder)
        #expect(result.status == status, "\(arguments): \(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.hasPrefix("error: "), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(
            result.stderr.split(separator: "\n").count == 1, "one line: \(result.stderr)",
            sourceLocation: sourceLocation)
        #expect(result.stderr.contains(words), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(seconds < 30, "within seconds (\(seconds) s)", sourceLocation: sourceLocation)
    }

    static func text(_ string: String) -> [UInt8] { [0x8C, UInt8(string.utf8.count)] + Array(string.utf8) }
    static func long(_ value: Int) -> [UInt8] {
        [0x8A, 8] + withUnsafeBytes(of: Int64(value).littleEndian) { Array($0) }
    }

    /// A `.pt` whose one tensor `w.weight` [2, 4] views a FloatStorage declaring `count` elements.
    static func torchFile(storageCount count: Int, stored: Int) -> Data {
        let id =
            [0x28] + text("storage") + Array("ctorch\nFloatStorage\n".utf8) + text("0") + text("cpu") + long(count) + [
                0x74
            ]
        let tensor =
            Array("ctorch._utils\n_rebuild_tensor_v2\n".utf8) + [0x28] + id + [0x51] + long(0)
            + [0x28] + long(2) + long(4) + [0x74] + [0x28] + long(4) + long(1) + [0x74] + [0x74, 0x52]
        let pickle: [UInt8] = [0x80, 2, 0x7D] + text("w.weight") + tensor + [0x73, 0x2E]
        return StoredZip.make([("a/data.pkl", pickle), ("a/data/0", [UInt8](repeating: 0, count: stored))])
    }

    @Test func agentFilesThatClaimALotAreRefusedInOneLine() throws {
        let folder = try Fixtures.temporaryDirectory("round-three-agents")
        // Empty dicts nested 100000 deep after their insertion; a flood of pushes; a terabyte storage.
        var nested: [UInt8] = [0x80, 2, 0x7D]
        for level in 0..<100_000 {
            let index = withUnsafeBytes(of: UInt32(level).littleEndian) { Array($0) }
            nested += [0x4B, 1, 0x7D, 0x72] + index + [0x73, 0x6A] + index
        }
        let cases: [(String, Data, String)] = [
            ("nested.pt", StoredZip.make([("a/data.pkl", nested + [0x2E])]), "holds no tensors"),
            (
                "flood.pt", StoredZip.make([("a/data.pkl", [0x80, 2] + [UInt8](repeating: 0x4E, count: 2_000_000))]),
                "makes more than 1048576 values"
            ),
            ("huge.pt", Self.torchFile(storageCount: 1 << 38, stored: 32), "declares 1099511627776 bytes"),
            (
                "sb3.zip",
                StoredZip.make([
                    ("data", Array("[".utf8) + [UInt8](repeating: 0x30, count: 2_000_000)), ("policy.pth", []),
                ]),
                "entry 'data' declares 2000001 bytes"
            ),
        ]
        for (name, bytes, words) in cases {
            try bytes.write(to: folder.appendingPathComponent(name))
            try expectOneLineRefusal(["eval", "--agent", name, "--out", "e-\(name)"], in: folder, containing: words)
        }
        // A file name with an escape and a line break: the whole message, escaped, on one line.
        let named = "ag\u{1B}[2J\nent.pt"
        try Data("junk".utf8).write(to: folder.appendingPathComponent(named))
        try expectOneLineRefusal(
            ["eval", "--agent", named, "--out", "e-named"], in: folder,
            containing: "ag\\u{1B}[2J\\u{A}ent.pt is not a usable agent checkpoint")
        // 65 agents are counted before any is read.
        let many = folder.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: many, withIntermediateDirectories: true)
        for index in 0..<65 { try Data("x".utf8).write(to: many.appendingPathComponent("a\(index).safetensors")) }
        try expectOneLineRefusal(
            ["record", "--agent", "many", "--out", "r"], in: folder, containing: "names 65 agents; at most 64",
            status: 64)
    }

    @Test func logsWithStepsAndReturnsNoTrainingHasAreRefused() throws {
        let folder = try Fixtures.temporaryDirectory("round-three-logs")
        func events(_ name: String, _ scalars: [(step: Int, value: Float)]) throws {
            let run = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
            let writer = try TensorBoardEventWriter(url: run.appendingPathComponent("events.out.tfevents.x"))
            for scalar in scalars { writer.add(step: scalar.step, scalars: [("charts/episodic_return", scalar.value)]) }
            try writer.flush()
        }
        try events("far", [(10, 20), (Int.max, 200)])
        try events("nan", [(10, .nan), (20, .nan)])
        try expectOneLineRefusal(
            ["compare", "--from", "far", "--label", "far", "--out", "c1"], in: folder,
            containing: "step 9223372036854775807, outside the frames")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c1").path), "nothing left")
        try expectOneLineRefusal(
            ["plot", "--metrics", "nan/events.out.tfevents.x", "--out", "p"], in: folder,
            containing: "not a finite return")
        try expectOneLineRefusal(
            ["compare", "--from", "nan", "--label", "nan", "--out", "c2"], in: folder, containing: "not a finite return"
        )
        // A forged run folder's eval.csv with a return of 1e308 and a frame of 2^63 - 1.
        let forged = folder.appendingPathComponent("forged/seed-1")
        try FileManager.default.createDirectory(at: forged, withIntermediateDirectories: true)
        try Data("frame,episode,return,length\n9223372036854775807,0,1e308,10\n".utf8).write(
            to: forged.appendingPathComponent("eval.csv"))
        let (result, _) = try bounded(["compare", "--from", "forged", "--label", "f", "--out", "c3"], in: folder)
        #expect(result.status != 0 && result.status < 128, "\(result.stderr)")
        #expect(!result.stdout.contains("nan") && !result.stdout.contains("inf") && !result.stdout.contains("92233"))
    }

    /// A plan of 1000 variants x 10000 seeds: a task holds its own run, not the plan's ten million.
    @Test func aTaskOfAHugePlanTakesItsOwnRunOnly() throws {
        let folder = try Fixtures.temporaryDirectory("round-three-plan")
        let emitted = try runProcess(
            cartpoleBinary,
            [
                "compare", "--seeds", "1", "--frames", "300", "--hidden", "8", "--memory-size", "100",
                "--eval-episodes", "1", "--emit-tasks", "t.txt", "--out", "sweep",
            ], currentDirectory: folder)
        try #require(emitted.status == 0, "\(emitted.stderr)")
        let sweep = folder.appendingPathComponent("sweep")
        let planURL = sweep.appendingPathComponent("plan.json")
        var plan = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: planURL)) as? [String: Any])
        let variant = try #require((plan["variants"] as? [[String: Any]])?.first)
        plan["seeds"] = 10000
        plan["variants"] = (0..<1000).map { index -> [String: Any] in
            var copy = variant
            copy["label"] = "v\(index)"
            copy["folder"] = "runs/v\(index)"
            return copy
        }
        let data = try JSONSerialization.data(withJSONObject: plan)
        try data.write(to: planURL)
        // Listed again under its new digest, as an emitted plan of that size would be.
        var manifest = try #require(try RunManifest.read(in: sweep))
        let (size, digest) = try SHA256.file(atPath: planURL.path)
        manifest.files = manifest.files.map {
            $0.path == "plan.json" ? RunManifest.File(path: "plan.json", size: size, sha256: digest) : $0
        }
        try JSONEncoder().encode(manifest).write(to: sweep.appendingPathComponent("manifest.json"))
        let (result, seconds) = try bounded(["compare", "--task", "sweep", "--index", "9999999"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("task 9999999 (v999 seed 10000)"), "\(result.stdout)")
        #expect(seconds < 60)
    }
}
