import Foundation
import TestSupport
import Testing

/// `Examples/TrainAndRecord` uses the library as another Swift package would: it builds against the
/// `CartPoleKit` product, trains an agent and records one episode.
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
        for name in ["metrics.csv", "agent.safetensors", "eval.csv", "best.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path), "\(name)")
        }
        let probe = try probeVideo(folder.appendingPathComponent("rl-video-episode-0.mp4"))
        let length = try #require(ran.stdout.firstMatch(of: /length (\d+)/).flatMap { Int($0.1) })
        #expect(probe.codec == "h264" && probe.frames == length + 1)
    }
}
