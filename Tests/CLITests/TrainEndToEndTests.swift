import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

@Suite struct TrainEndToEndTests {
    @Test func theSameSeedGivesBitIdenticalFiles() throws {
        let a = try Fixtures.temporaryDirectory("train-a")
        let b = try Fixtures.temporaryDirectory("train-b")
        defer {
            try? FileManager.default.removeItem(at: a)
            try? FileManager.default.removeItem(at: b)
        }
        for folder in [a, b] {
            let result = try runProcess(
                cartpoleBinary, ["train", "--out", folder.path, "--frames", "500", "--hidden", "16"])
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("trained 500 frames"))
        }
        for name in ["metrics.csv", "agent.safetensors"] {
            let first = try Data(contentsOf: a.appendingPathComponent(name))
            #expect(first == (try Data(contentsOf: b.appendingPathComponent(name))), "\(name) differs")
        }
        let checkpoint = try Checkpoint.read(from: a.appendingPathComponent("agent.safetensors"))
        #expect(checkpoint.network.hidden == 16 && checkpoint.frames == 500 && checkpoint.seed == 777)
    }

    @Test func ctrlCStopsCleanlyAndKeepsTheWork() throws {
        let folder = try Fixtures.temporaryDirectory("interrupt")
        let result = try interrupt(
            ["train", "--out", folder.path, "--frames", "50000000", "--hidden", "8", "--eval-every", "0"],
            when: "train: ", with: SIGINT)
        #expect(result.status == 130)
        #expect(result.stderr.contains("interrupted after"))
        #expect(
            files(in: folder) == ["agent.safetensors", "events.out.tfevents.cartpole", "manifest.json", "metrics.csv"])
        #expect(try verifiedManifest(folder).state == .interrupted)
        let checkpoint = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
        #expect(checkpoint.frames > 0 && checkpoint.frames < 50_000_000)
        let metrics = try MetricsCSV.read(from: folder.appendingPathComponent("metrics.csv"))
        #expect(metrics.frames <= checkpoint.frames)
    }
}
