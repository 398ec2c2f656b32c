import Foundation
import OutputFiles
import TestSupport
import Testing

/// `Examples/TrainAndRecord` uses the library as another Swift package would: it builds against the
/// `CartPoleKit` product, trains an agent and records one episode with the jobs the CLI calls, which
/// check its values and write result folders with manifests.
@Suite struct LibraryExampleTests {
    @Test func theExamplePackageBuildsTrainsAndRecords() throws {
        let root = Fixtures.packageRoot
        let scratch = root.appendingPathComponent(".build-example")
        let arguments = [
            "build", "--package-path", root.appendingPathComponent("Examples/TrainAndRecord").path, "--scratch-path",
            scratch.path,
        ]
        var built = try runProcess("swift", arguments)
        if built.status != 0 {
            // The scratch folder is a cache of earlier builds; a real error fails again from nothing.
            try? FileManager.default.removeItem(at: scratch)
            built = try runProcess("swift", arguments)
        }
        try #require(built.status == 0, "\(built.stdout)\(built.stderr)")
        let folder = try Fixtures.temporaryDirectory("example")
        let ran = try runProcess(scratch.appendingPathComponent("debug/TrainAndRecord").path, [folder.path])
        #expect(ran.status == 0, "\(ran.stderr)")
        #expect(ran.stdout.hasPrefix("trained 3000 frames"), "\(ran.stdout)")
        // The jobs' result folders, with the manifests the CLI writes.
        let train = folder.appendingPathComponent("train")
        for name in ["metrics.csv", "agent.safetensors", "eval.csv", "best.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: train.appendingPathComponent(name).path), "\(name)")
        }
        let record = folder.appendingPathComponent("record")
        for (folder, setting, value) in [(train, "frames", "3000"), (record, "episodes", "1")] {
            let manifest = try #require(try RunManifest.read(in: folder), "\(folder.path) has a manifest")
            #expect(manifest.settings[setting] == value && manifest.changedFiles(in: folder).isEmpty)
        }
        let probe = try probeVideo(record.appendingPathComponent("rl-video-episode-0.mp4"))
        let length = try #require(ran.stdout.firstMatch(of: /length (\d+)/).flatMap { Int($0.1) })
        #expect(probe.codec == "h264" && probe.frames == length + 1)
    }
}
