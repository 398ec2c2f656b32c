import FileFormats
import Foundation
import TestSupport
import Testing

/// `cartpole run` on a short configuration, every output checked as a user would.
@Suite struct RunEndToEndTests {
    @Test func aShortRunWritesEveryOutput() throws {
        let folder = try Fixtures.temporaryDirectory("run")
        let result = try runProcess(
            cartpoleBinary,
            [
                "run", "--out", folder.path, "--episodes", "2", "--plot-every", "400",
                "--size", "300x200",
            ] + quickTraining)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            files(in: folder) == [
                "agent.safetensors", "best.safetensors", "checkpoints", "eval.csv", "eval.png",
                "events.out.tfevents.cartpole", "index.html", "manifest.json", "metrics.csv", "qmap.png",
                "rl-video-episode-0.mp4", "rl-video-episode-1.mp4", "summary.json",
                "training-progress.mp4", "training.png",
            ])
        let manifest = try verifiedManifest(folder)
        #expect(manifest.command == "run" && manifest.state == .complete && manifest.settings["hidden"] == "32")
        let qmapSize = try pngSize(folder.appendingPathComponent("qmap.png"))
        #expect(qmapSize == (1600, 640))
        #expect(try pngSize(folder.appendingPathComponent("eval.png")) == (900, 500))
        // 40 checkpoints by default: every 30 of the 1200 frames; the progress video chooses from snapshots.
        #expect(files(in: folder.appendingPathComponent("checkpoints")).count == 40)
        #expect(
            result.stderr.contains(
                "the untrained agent, the first to reach each quarter of the threshold (evaluated every 6 frames)"))
        #expect(result.stdout.contains("report:  \(folder.appendingPathComponent("index.html").path)"))

        // The plot.
        let size = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(size == (2000, 500))

        // The metrics: a header, then rows up to the last frame.
        let csv = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "frame,update,loss,epsilon,episode,score")
        #expect(lines.last?.hasPrefix("1200,") == true)
        #expect(lines.count > 1000)

        // The summary and the videos agree.
        let summary = try JSON.decode(Data(contentsOf: folder.appendingPathComponent("summary.json")))
        #expect(try summary["configuration"]["frames"].int == 1200)
        #expect(try summary["configuration"]["hidden"].int == 32)
        #expect(try summary["configuration"]["time_limit"].string == "terminal")
        // Every recording setting, under its name in files, as its description writes it.
        #expect(try summary["recording"]["size"].string == "300x200" && summary["recording"]["q_strip"].bool == false)
        #expect(try summary["recording"]["episodes"].int == 2 && summary["recording"]["hud"].bool == true)
        #expect(try summary["training"]["frames"].int == 1200)
        #expect(try summary["training"]["wall_seconds"].double > 0)
        #expect(try summary["version"].string.isEmpty == false)
        // One evaluation (at frame 1000 of 1200), with the best agent it chose.
        let evaluation = try summary["evaluation"]
        #expect(try evaluation["every"].int == 1000 && evaluation["episodes"].int == 10)
        #expect(try evaluation["points"].array.count == 1 && evaluation["points"][0]["frame"].int == 1000)
        #expect(try evaluation["best"]["file"].string == "best.safetensors" && evaluation["best"]["frame"].int == 1000)
        let episodes = try summary["test_episodes"].array
        #expect(episodes.count == 2)
        for episode in episodes {
            let probe = try probeVideo(folder.appendingPathComponent(episode["file"].string))
            let length = try episode["length"].int
            #expect(probe.codec == "h264" && probe.pixelFormat == "yuv420p")
            #expect(probe.width == 300 && probe.height == 200)
            #expect(probe.frames == length + 1, "an episode of T steps has T + 1 frames")
            #expect(try episode["return"].double == Double(length))
        }
        let returns = try episodes.map { try $0["return"].double }
        #expect(try abs(summary["test_returns"]["mean"].double - returns.reduce(0, +) / 2) < 1e-9)
        #expect(try summary["test_returns"]["max"].double == returns.max())
        #expect(try Set(summary["files"].array.map { try $0.string }) == Set(files(in: folder)))

        // The report names exactly the files that exist.
        let html = try String(contentsOf: folder.appendingPathComponent("index.html"), encoding: .utf8)
        let referenced = Set(html.matches(of: /(?:src|href)="([^"]+)"/).map { String($0.1) })
        #expect(referenced == Set(files(in: folder)).subtracting(["index.html"]))
        #expect(
            html.components(separatedBy: "<video controls").count - 1 == 3, "two episodes and the training's progress")
        #expect(!html.contains("<script"))
        // Each figure fits the page, links to itself at full size and says what it shows.
        for figure in ["training.png", "eval.png", "qmap.png"] {
            #expect(html.contains("<figure><a href=\"\(figure)\"><img src=\"\(figure)\""), "\(figure)")
        }
        #expect(html.contains("returns over 100 greedy episodes (seeds 777 to 876)"))
        #expect(html.components(separatedBy: "Click for full size.").count - 1 == 3)
    }

    /// `--checkpoint-every 0` means none, for run as for train; the progress video needs none.
    @Test func checkpointEveryZeroKeepsNone() throws {
        let folder = try Fixtures.temporaryDirectory("run-no-checkpoints")
        let result = try runProcess(
            cartpoleBinary,
            [
                "run", "--out", folder.path, "--episodes", "1", "--plot-every", "0", "--size", "128x96", "--frames",
                "300", "--hidden", "8", "--checkpoint-every", "0",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let names = files(in: folder)
        #expect(!names.contains("checkpoints") && names.contains("training-progress.mp4"), "\(names)")
        #expect(try verifiedManifest(folder).settings["checkpoint-every"] == "0")
    }

    /// A prioritized run goes end to end as any other: it records, plots the priorities held, reports, and its
    /// agent evaluates.
    @Test func aPrioritizedRunRecordsPlotsAndEvaluates() throws {
        let folder = try Fixtures.temporaryDirectory("run-per")
        let result = try runProcess(
            cartpoleBinary,
            [
                "run", "--preset", "per", "--out", folder.path, "--episodes", "1", "--plot-every", "0", "--size",
                "128x96", "--frames", "400", "--hidden", "8", "--eval-every", "200",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let names = files(in: folder)
        #expect(names.contains("training.png") && names.contains("index.html"), "\(names)")
        let metrics = try String(contentsOf: folder.appendingPathComponent("metrics.csv"), encoding: .utf8)
        #expect(metrics.hasPrefix(MetricsCSV.header + "," + MetricsCSV.priorityColumns.joined(separator: ",")))
        #expect(try verifiedManifest(folder).settings["prioritized"] == "true")
        let evaluated = try cartpole(
            "eval", "--agent", folder.appendingPathComponent("agent.safetensors").path, "--episodes", "2")
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
    }

    /// A Rainbow run (chapter 08: every component) goes end to end: it records with the Q-strip, plots the
    /// priorities and the noise, reports; its agent evaluates, draws a map, and says
    /// in its metadata that it is categorical, so that it reads back as the same network.
    @Test func aRainbowRunRecordsPlotsEvaluatesAndMaps() throws {
        let folder = try Fixtures.temporaryDirectory("run-rainbow")
        let result = try runProcess(
            cartpoleBinary,
            [
                "run", "--preset", "rainbow", "--out", folder.path, "--episodes", "1", "--plot-every", "0", "--size",
                "128x96", "--frames", "300", "--hidden", "8", "--atoms", "11", "--eval-every", "150", "--q-strip",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let names = files(in: folder)
        #expect(names.contains("training.png") && names.contains("index.html"), "\(names)")
        let agent = folder.appendingPathComponent("agent.safetensors")
        let checkpoint = try Checkpoint.read(from: agent)
        #expect(checkpoint.network.categorical && checkpoint.network.atoms == 11 && checkpoint.network.dueling)
        #expect(checkpoint.network.noisy && checkpoint.training?.categorical == true)
        let evaluated = try cartpole("eval", "--agent", agent.path, "--episodes", "2")
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        let mapped = try cartpole("qmap", "--agent", agent.path, "--out", folder.appendingPathComponent("map").path)
        #expect(mapped.status == 0, "\(mapped.stderr)")
        #expect(try pngSize(folder.appendingPathComponent("map/qmap.png")) == (1600, 640))
    }

    @Test func aSecondRunReplacesOnlyItsOwnFiles() throws {
        let folder = try Fixtures.temporaryDirectory("rerun")
        try Data("keep me".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let options = ["--plot-every", "0", "--size", "128x96", "--frames", "300", "--hidden", "8"]
        let first = try runProcess(cartpoleBinary, ["run", "--out", folder.path, "--episodes", "3"] + options)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(files(in: folder).contains("rl-video-episode-2.mp4"))
        let second = try runProcess(cartpoleBinary, ["run", "--out", folder.path, "--episodes", "1"] + options)
        #expect(second.status == 0, "\(second.stderr)")
        let names = files(in: folder)
        #expect(names.contains("notes.txt"))
        #expect(names.contains("rl-video-episode-0.mp4"))
        // The first run's extra episodes were its own, listed in its manifest: replaced by nothing, and said so.
        #expect(!names.contains("rl-video-episode-1.mp4") && !names.contains("rl-video-episode-2.mp4"), "\(names)")
        #expect(
            second.stderr.contains(
                "removed 2 file(s) of the earlier `cartpole run` there that this one does not write: "
                    + "rl-video-episode-1.mp4, rl-video-episode-2.mp4"), "\(second.stderr)")
    }

    /// A record killed outright (SIGKILL: no handler runs) leaves its staging folder with its videos;
    /// the next command into the folder removes it and says so, and nothing of it ever counts as an output.
    @Test func whatAKilledRunLeftIsRemovedByTheNext() throws {
        let folder = try Fixtures.temporaryDirectory("killed")
        let trained = try cartpole("train", "--out", folder.path, "--frames", "300", "--hidden", "8")
        #expect(trained.status == 0)
        let agent = folder.appendingPathComponent("agent.safetensors").path
        let videos = folder.appendingPathComponent("videos")
        // Killed while videos are being written: once the first is done, the others are under way.
        let killed = try RunningCartpole([
            "record", "--agent", agent, "--out", videos.path, "--episodes", "20", "--size", "1280x720", "--x264-preset",
            "ultrafast",
        ])
        #expect(killed.wait(for: "recorded episode 0"))
        #expect(killed.stop(with: SIGKILL).status == 128 + SIGKILL)
        let staging = files(in: videos).filter { $0.hasPrefix(".cartpole-staging-") }
        #expect(staging.count == 1, "the killed record's staging folder is left: \(files(in: videos))")
        #expect(
            files(in: videos).filter { !$0.hasPrefix(".") }.isEmpty, "nothing of the killed record counts as an output")
        let again = try cartpole("record", "--agent", agent, "--out", videos.path, "--episodes", "1", "--size", "64x48")
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("the unfinished outputs of a command that was stopped"), "\(again.stderr)")
        #expect(files(in: videos) == ["manifest.json", "rl-video-episode-0.mp4"], "\(files(in: videos))")
    }
}
