import Agent
import Foundation
import Testing
import TestSupport

/// Signals at each phase of `run`, and writes that fail as on a full disk.
@Suite struct FaultTests {
    @Test func sigtermDuringTrainingKeepsAgentMetricsAndPlot() throws {
        let folder = try Fixtures.temporaryDirectory("term")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try interrupt(["run", "--out", folder.path, "--frames", "50000000", "--hidden", "8", "--eval-every", "0", "--plot-every", "0"],
                                   when: "frames", with: SIGTERM)
        #expect(result.status == 143)
        #expect(result.stderr.contains("recording skipped"))
        #expect(files(in: folder) == ["agent.safetensors", "metrics.csv", "training.png"])
        _ = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
        _ = try MetricsCSV.read(from: folder.appendingPathComponent("metrics.csv"))
        #expect(try pngSize(folder.appendingPathComponent("training.png")) == (2000, 500))
    }

    @Test func sigintDuringRecordingKeepsFinishedVideosAndNoBrokenOne() throws {
        let folder = try Fixtures.temporaryDirectory("int-record")
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try interrupt(["run", "--out", folder.path, "--frames", "200", "--hidden", "8", "--plot-every", "0",
                                    "--episodes", "5000"], when: "recorded rl-video-episode-1.mp4", with: SIGINT)
        #expect(result.status == 130)
        #expect(result.stderr.contains("interrupted while recording"))
        let names = files(in: folder)
        #expect(!names.contains { $0.hasPrefix(".") }, "no temporary file is left: \(names)")
        #expect(!names.contains("summary.json") && !names.contains("index.html"))
        let videos = names.filter { $0.hasSuffix(".mp4") }
        #expect(videos.count >= 2 && videos.count < 5000)
        for video in videos.prefix(3) {
            #expect(try probeVideo(folder.appendingPathComponent(video)).frames > 1, "\(video) is complete")
        }
    }

    @Test func aFullDiskWhilePlottingKeepsEarlierOutputs() throws {
        let folder = try Fixtures.temporaryDirectory("full-plot")
        defer { try? FileManager.default.removeItem(at: folder) }
        // Small videos fit under the limit; the 2000x500 plot does not.
        let result = try cartpoleWithFileSizeLimit(kilobytes: 40, ["run", "--out", folder.path, "--frames", "300",
                                                                   "--hidden", "8", "--plot-every", "0", "--size", "64x48"])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(lines.count == 1 && lines[0].contains("plotting failed"), "\(result.stderr)")
        let left = files(in: folder).filter { !$0.hasPrefix("rl-video-episode-") }
        #expect(left == ["agent.safetensors", "checkpoints", "metrics.csv"], "\(files(in: folder))")
        for name in files(in: folder.appendingPathComponent("checkpoints")) {
            _ = try Checkpoint.read(from: folder.appendingPathComponent("checkpoints/\(name)"))
        }
        _ = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
        _ = try MetricsCSV.read(from: folder.appendingPathComponent("metrics.csv"))
    }

    @Test func aFullDiskWhileEncodingLeavesNoVideo() throws {
        let folder = try Fixtures.temporaryDirectory("full-video")
        defer { try? FileManager.default.removeItem(at: folder) }
        let trained = try cartpole("train", "--out", folder.path, "--frames", "300", "--hidden", "8")
        #expect(trained.status == 0)
        let videos = folder.appendingPathComponent("videos")
        let result = try cartpoleWithFileSizeLimit(kilobytes: 40, ["record", "--agent", folder.appendingPathComponent("agent.safetensors").path,
                                                                   "--out", videos.path, "--crf", "0", "--episodes", "3"])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(files(in: videos).filter { !$0.hasPrefix("rl-video-episode-") || $0.hasPrefix(".") }.isEmpty)
        for name in files(in: videos) {
            #expect(try probeVideo(videos.appendingPathComponent(name)).frames > 1, "\(name) is complete")
        }
    }
}
