import Foundation
import Testing
import TestSupport

@Suite struct RecordAndPlotEndToEndTests {
    /// A short training run to record and plot from.
    func trained(_ label: String) throws -> URL {
        let folder = try Fixtures.temporaryDirectory(label)
        let result = try runProcess(cartpoleBinary, ["train", "--out", folder.path] + quickTraining)
        #expect(result.status == 0, "\(result.stderr)")
        return folder
    }

    @Test func recordPlaysGreedyEpisodesAndSaysWhatItWrote() throws {
        let folder = try trained("record")
        defer { try? FileManager.default.removeItem(at: folder) }
        let videos = folder.appendingPathComponent("clips")
        let result = try cartpole("record", "--agent", folder.appendingPathComponent("agent.safetensors").path,
                                  "--out", videos.path, "--episodes", "2", "--env", "CartPole-v1", "--seed", "5",
                                  "--size", "200x120", "--fps", "25", "--crf", "30", "--preset", "ultrafast", "--no-hud")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files(in: videos) == ["rl-video-episode-0.mp4", "rl-video-episode-1.mp4"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        for (index, line) in lines.enumerated() {
            let match = try #require(line.wholeMatch(of: /episode (\d+): return (\d+), length (\d+), (.+)/), "\(line)")
            #expect(Int(match.1) == index)
            #expect(match.2 == match.3, "CartPole's return is its length")
            let probe = try probeVideo(URL(fileURLWithPath: String(match.4)))
            #expect(probe.frames == Int(match.3)! + 1)
            #expect(probe.width == 200 && probe.height == 120 && probe.frameRate == "25/1")
        }
        // The same seed plays the same episodes.
        let again = try cartpole("record", "--agent", folder.appendingPathComponent("agent.safetensors").path,
                                 "--out", videos.path, "--episodes", "2", "--env", "CartPole-v1", "--seed", "5",
                                 "--size", "200x120", "--no-hud")
        #expect(again.stdout == result.stdout)
    }

    @Test func plotWritesTheFigureBesideTheMetricsOrWhereAsked() throws {
        let folder = try trained("plot")
        defer { try? FileManager.default.removeItem(at: folder) }
        let metrics = folder.appendingPathComponent("metrics.csv").path
        let beside = try cartpole("plot", "--metrics", metrics)
        #expect(beside.status == 0, "\(beside.stderr)")
        #expect(beside.stdout == folder.appendingPathComponent("training.png").path + "\n")
        #expect(try pngSize(folder.appendingPathComponent("training.png")) == (2000, 500))
        let elsewhere = folder.appendingPathComponent("small.png")
        let sized = try cartpole("plot", "--metrics", metrics, "--out", elsewhere.path, "--size", "900x300")
        #expect(sized.status == 0, "\(sized.stderr)")
        #expect(try pngSize(elsewhere) == (900, 300))
    }
}
