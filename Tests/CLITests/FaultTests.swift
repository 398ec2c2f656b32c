import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// Signals at each phase of `run`, and writes that fail as on a full disk.
@Suite struct FaultTests {
    @Test func sigtermDuringTrainingKeepsAgentMetricsAndPlot() throws {
        let folder = try Fixtures.temporaryDirectory("term")
        let result = try interrupt(
            [
                "run", "--out", folder.path, "--frames", "50000000", "--hidden", "8", "--eval-every", "0",
                "--plot-every", "0",
            ],
            when: "train: ", with: SIGTERM)
        #expect(result.status == 143)
        #expect(result.stderr.contains("marked interrupted; no test episodes recorded"), "\(result.stderr)")
        #expect(
            files(in: folder) == [
                "agent.safetensors", "events.out.tfevents.cartpole", "index.html", "manifest.json", "metrics.csv",
                "summary.json",
                "training.png",
            ])
        #expect(try verifiedManifest(folder).state == .interrupted)
        let summary = try JSON.decode(
            Data(contentsOf: folder.appendingPathComponent("summary.json")), name: "summary.json")
        #expect(try summary["state"].string == "interrupted")
        #expect(
            try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8).contains(
                "<strong>Interrupted</strong>"))
        _ = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
        _ = try MetricsCSV.read(from: folder.appendingPathComponent("metrics.csv"))
        #expect(try pngSize(folder.appendingPathComponent("training.png")) == (2000, 500))
    }

    @Test func sigintDuringRecordingKeepsFinishedVideosAndNoBrokenOne() throws {
        let folder = try Fixtures.temporaryDirectory("int-record")
        let result = try interrupt(
            [
                "run", "--out", folder.path, "--frames", "200", "--hidden", "8", "--plot-every", "0",
                "--episodes", "5000",
            ], when: "recorded rl-video-episode-1.mp4", with: SIGINT)
        #expect(result.status == 130)
        #expect(result.stderr.contains("marked interrupted; recording stopped"), "\(result.stderr)")
        let names = files(in: folder)
        #expect(!names.contains { $0.hasPrefix(".") }, "no temporary file is left: \(names)")
        #expect(try verifiedManifest(folder).state == .interrupted)
        let videos = names.filter { $0.hasSuffix(".mp4") }
        #expect(videos.count >= 2 && videos.count < 5000)
        let summary = try JSON.decode(
            Data(contentsOf: folder.appendingPathComponent("summary.json")), name: "summary.json")
        #expect(
            try summary["test_episodes"].array.map { try $0["file"].string }
                == videos.sorted { $0.count < $1.count || ($0.count == $1.count && $0 < $1) },
            "the summary lists exactly the videos kept")
        for video in videos.prefix(3) {
            #expect(try probeVideo(folder.appendingPathComponent(video)).frames > 1, "\(video) is complete")
        }
    }

    @Test func aFullDiskWhilePlottingLeavesTheEarlierRunWhole() throws {
        let folder = try Fixtures.temporaryDirectory("full-plot")
        let first = try cartpole(
            "run", "--out", folder.path, "--frames", "200", "--hidden", "8", "--episodes", "1", "--size", "64x48")
        try #require(first.status == 0, "\(first.stderr)")
        let before = try verifiedManifest(folder)
        // Small videos fit under the limit; the 2000x500 plot does not.
        let result = try cartpoleWithFileSizeLimit(
            kilobytes: 40,
            [
                "run", "--out", folder.path, "--frames", "300", "--seed", "5",
                "--hidden", "8", "--plot-every", "0", "--size", "64x48",
            ])
        #expect(result.status != 0)
        let lines = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(lines.count == 1 && lines[0].contains("plotting failed"), "\(result.stderr)")
        #expect(try verifiedManifest(folder) == before, "the earlier run is there, whole and alone")
        #expect(!files(in: folder).contains { $0.hasPrefix(".") }, "no staging left: \(files(in: folder))")
    }

    @Test func aFullDiskWhileEncodingLeavesNoVideo() throws {
        let folder = try Fixtures.temporaryDirectory("full-video")
        let trained = try cartpole("train", "--out", folder.path, "--frames", "300", "--hidden", "8")
        #expect(trained.status == 0)
        let videos = folder.appendingPathComponent("videos")
        let result = try cartpoleWithFileSizeLimit(
            kilobytes: 40,
            [
                "record", "--agent", folder.appendingPathComponent("agent.safetensors").path,
                "--out", videos.path, "--crf", "0", "--episodes", "3",
            ])
        #expect(result.status != 0)
        #expect(result.stderr.hasPrefix("error: ") && result.stderr.contains("File too large"), "\(result.stderr)")
        #expect(files(in: videos).filter { !$0.hasPrefix("rl-video-episode-") || $0.hasPrefix(".") }.isEmpty)
        for name in files(in: videos) {
            #expect(try probeVideo(videos.appendingPathComponent(name)).frames > 1, "\(name) is complete")
        }
    }
}
