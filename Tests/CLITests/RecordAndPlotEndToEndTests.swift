import Foundation
import TestSupport
import Testing

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
        let videos = folder.appendingPathComponent("clips")
        let result = try cartpole(
            "record", "--agent", folder.appendingPathComponent("agent.safetensors").path,
            "--out", videos.path, "--episodes", "2", "--env", "CartPole-v1", "--seed", "5",
            "--size", "200x120", "--fps", "25", "--crf", "30", "--x264-preset", "ultrafast", "--no-hud")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files(in: videos) == ["manifest.json", "rl-video-episode-0.mp4", "rl-video-episode-1.mp4"])
        _ = try verifiedManifest(videos)
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
        let again = try cartpole(
            "record", "--agent", folder.appendingPathComponent("agent.safetensors").path,
            "--out", videos.path, "--episodes", "2", "--env", "CartPole-v1", "--seed", "5",
            "--size", "200x120", "--no-hud")
        #expect(again.stdout == result.stdout)
    }

    /// Episodes encoded side by side (the default) are the episodes one job plays, reported in order, and
    /// their files are byte for byte the same from run to run whatever the threads' scheduling.
    @Test func sideBySideRecordingIsReproducibleAndPlaysTheSameEpisodes() throws {
        let folder = try trained("record-jobs")
        let agent = folder.appendingPathComponent("agent.safetensors").path
        func record(_ name: String, _ extra: [String]) throws -> (stdout: String, files: [Data]) {
            let out = folder.appendingPathComponent(name)
            let result = try runProcess(
                cartpoleBinary,
                ["record", "--agent", agent, "--out", out.path, "--episodes", "5", "--size", "160x120"] + extra)
            #expect(result.status == 0, "\(result.stderr)")
            let names = (0..<5).map { "rl-video-episode-\($0).mp4" }
            #expect(files(in: out) == ["manifest.json"] + names)
            return (
                result.stdout.replacingOccurrences(of: out.path, with: "OUT"),
                try names.map { try Data(contentsOf: out.appendingPathComponent($0)) }
            )
        }
        let first = try record("a", [])
        let second = try record("b", ["--jobs", "3"])
        let serial = try record("c", ["--jobs", "1"])
        #expect(first.files == second.files, "side-by-side files differ between runs")
        #expect(first.stdout == serial.stdout, "the same episodes, reported in the same order")
        let lines = first.stdout.split(separator: "\n")
        #expect(lines.count == 5)
        for (index, line) in lines.enumerated() {
            let match = try #require(
                line.wholeMatch(of: /episode (\d+): return (\d+), length (\d+), OUT\/(.+)/), "\(line)")
            #expect(Int(match.1) == index)
            let probe = try probeVideo(folder.appendingPathComponent("a").appendingPathComponent(String(match.4)))
            #expect(probe.frames == Int(match.3)! + 1, "episode \(index) is complete")
        }
    }

    @Test func plotWritesTheFigureIntoItsFolderAndNeverIntoTheRunsFolder() throws {
        let folder = try trained("plot")
        let metrics = folder.appendingPathComponent("metrics.csv").path
        let plots = folder.appendingPathComponent("plots")
        let plotted = try cartpole("plot", "--metrics", metrics, "--out", plots.path)
        #expect(plotted.status == 0, "\(plotted.stderr)")
        #expect(plotted.stdout == plots.appendingPathComponent("training.png").path + "\n")
        #expect(try pngSize(plots.appendingPathComponent("training.png")) == (2000, 500))
        #expect(try verifiedManifest(plots).command == "plot")
        let sized = try cartpole("plot", "--metrics", metrics, "--out", plots.path, "--size", "900x300")
        #expect(sized.status == 0, "\(sized.stderr)")
        #expect(try pngSize(plots.appendingPathComponent("training.png")) == (900, 300))
        let intoTheRun = try cartpole("plot", "--metrics", metrics, "--out", folder.path)
        #expect(intoTheRun.status == 1)
        #expect(
            intoTheRun.stderr
                == "error: \(folder.path) holds the outputs of `cartpole train`; choose another --out, or remove them first\n"
        )
    }
}

/// Formats and encoders: WebM through libvpx-vp9, any encoder by name, a clear error for a missing one.
@Suite struct VideoFormatTests {
    static let agent = trainedFolder("format-agent", ["--frames", "300"]).appendingPathComponent("agent.safetensors")

    @Test func webmIsVP9WithOneFramePerState() throws {
        let folder = try Fixtures.temporaryDirectory("webm")
        let result = try cartpole(
            "record", "--agent", Self.agent.path, "--format", "webm", "--episodes", "2", "--size", "160x120",
            "--fps", "25", "--out", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files(in: folder) == ["manifest.json", "rl-video-episode-0.webm", "rl-video-episode-1.webm"])
        for (index, line) in result.stdout.split(separator: "\n").enumerated() {
            let length = Int(line.split(separator: " ")[5].dropLast())!
            let probe = try probeVideo(folder.appendingPathComponent("rl-video-episode-\(index).webm"))
            #expect(probe.codec == "vp9" && probe.pixelFormat == "yuv420p" && probe.frameRate == "25/1")
            #expect(probe.frames == length + 1, "T steps, T + 1 frames")
        }
    }

    @Test func gifHasOneFramePerStateAtTheRate() throws {
        let folder = try Fixtures.temporaryDirectory("gif")
        let result = try cartpole(
            "record", "--agent", Self.agent.path, "--format", "gif", "--episodes", "1", "--size", "160x120",
            "--fps", "25", "--out", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let length = Int(result.stdout.split(separator: ",")[1].split(separator: " ")[1])!
        let probe = try probeVideo(folder.appendingPathComponent("rl-video-episode-0.gif"))
        #expect(probe.codec == "gif" && probe.frameRate == "25/1" && probe.frames == length + 1, "\(probe)")
        #expect(files(in: folder) == ["manifest.json", "rl-video-episode-0.gif"])
    }

    @Test func anEncoderIsChosenByNameOrRefusedWithTheUsableOnes() throws {
        let folder = try Fixtures.temporaryDirectory("encoder")
        let result = try cartpole(
            "record", "--agent", Self.agent.path, "--encoder", "mpeg4", "--episodes", "1", "--size", "160x120",
            "--out", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try probeVideo(folder.appendingPathComponent("rl-video-episode-0.mp4")).codec == "mpeg4")
        // Missing, or listing yuv420p yet failing when opened: refused, with only encoders that really work.
        for (name, format) in [("h264_imaginary", "mp4"), ("mjpeg", "mp4"), ("libx264", "webm")] {
            let refused = try cartpole(
                "record", "--agent", Self.agent.path, "--encoder", name, "--format", format,
                "--out", folder.appendingPathComponent("x").path)
            #expect(refused.status == 64)
            #expect(
                refused.stderr.hasPrefix(
                    "error: --encoder \(name) cannot encode \(format) video here; encoders that can: "),
                "\(refused.stderr)")
            #expect(refused.stderr.split(separator: "\n").count == 1, "no library chatter: \(refused.stderr)")
            let listed = refused.stderr.split(separator: ":").last!.split(separator: ",").map {
                $0.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            #expect(!listed.contains("mjpeg") && !listed.contains("h264_nvenc"), "\(listed)")
            #expect(listed.contains(format == "mp4" ? "libx264" : "libvpx-vp9"), "\(listed)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x").path))
        }
    }
}

/// Several agents in one grid video.
@Suite struct GridVideoEndToEndTests {
    /// A small training of 600 frames into `folder`, with a checkpoint every `every` frames.
    static func trainCheckpoints(into folder: URL, every: Int) throws {
        let trained = try cartpole(
            "train", "--frames", "600", "--hidden", "8", "--memory-size", "300", "--checkpoint-every", "\(every)",
            "--out", folder.path)
        #expect(trained.status == 0, "\(trained.stderr)")
    }

    @Test func checkpointsPlayInLockstepForTheLongestEpisode() throws {
        let folder = try Fixtures.temporaryDirectory("grid-cli")
        try Self.trainCheckpoints(into: folder, every: 200)
        let out = folder.appendingPathComponent("grid")
        let result = try cartpole(
            "record", "--agent", folder.appendingPathComponent("checkpoints").path,
            "--agent", Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors").path,
            "--size", "320x240", "--out", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(files(in: out) == ["manifest.json", "rl-video-grid.mp4"])
        let lines = result.stdout.split(separator: "\n").filter { $0.contains(": return ") }
        #expect(
            lines.map { String($0.split(separator: ":")[0]) } == [
                "frame 200", "frame 400", "frame 600", "pytorch_agent",
            ])
        let lengths = lines.map { Int($0.split(separator: ",")[1].split(separator: " ")[1])! }
        let probe = try probeVideo(out.appendingPathComponent("rl-video-grid.mp4"))
        #expect(probe.frames == lengths.max()! + 1, "the longest episode's T + 1 frames")
        #expect(probe.width == 320 && probe.height == 240)
    }

    /// More agents than fit readably: the grid plays evenly spaced ones, first and last among them, and says so.
    @Test func aGridOfManyAgentsPlaysThoseThatFitAndSaysSo() throws {
        let folder = try Fixtures.temporaryDirectory("grid-many")
        try Self.trainCheckpoints(into: folder, every: 50)
        let out = folder.appendingPathComponent("grid")
        let result = try cartpole(
            "record", "--agent", folder.appendingPathComponent("checkpoints").path, "--size", "300x200", "--out",
            out.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: the grid plays 4 of the 12 agents, evenly spaced"), "\(result.stderr)")
        let names = result.stdout.split(separator: "\n").filter { $0.contains(": return ") }.map {
            String($0.split(separator: ":")[0])
        }
        #expect(names == ["frame 50", "frame 250", "frame 400", "frame 600"])
    }

    /// The same agents one after another: a title of --fps frames before each episode's T + 1 frames, whose
    /// last is then held for --fps frames more.
    @Test func checkpointsPlayOneAfterAnotherWithTitles() throws {
        let folder = try Fixtures.temporaryDirectory("sequence-cli")
        try Self.trainCheckpoints(into: folder, every: 300)
        let out = folder.appendingPathComponent("sequence")
        let result = try cartpole(
            "record", "--agent", folder.appendingPathComponent("checkpoints").path, "--layout", "sequence",
            "--fps", "10", "--size", "320x240", "--out", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        let lengths = result.stdout.split(separator: "\n").filter { $0.contains(": return ") }
            .map { Int($0.split(separator: ",")[1].split(separator: " ")[1])! }
        #expect(lengths.count == 2)
        let video = out.appendingPathComponent("rl-video-sequence.mp4")
        #expect(try probeVideo(video).frames == lengths.reduce(0) { $0 + 10 + $1 + 1 + 10 })
        // The first frame is the title card: light text on a dark ground.
        let raw = out.appendingPathComponent("title.gray")
        let extracted = try runProcess(
            "ffmpeg",
            [
                "-v", "error", "-y", "-i", video.path, "-frames:v", "1", "-f", "rawvideo",
                "-pix_fmt", "gray", raw.path,
            ])
        #expect(extracted.status == 0)
        let pixels = [UInt8](try Data(contentsOf: raw))
        #expect(pixels.count == 320 * 240)
        let dark = pixels.filter { $0 < 60 }.count
        let light = pixels.filter { $0 > 150 }.count
        #expect(dark > pixels.count * 8 / 10 && light > 200, "\(dark) dark and \(light) light pixels")
    }
}

@Suite struct QStripEndToEndTests {
    @Test func recordWithAQStripKeepsOneFramePerState() throws {
        let folder = try Fixtures.temporaryDirectory("qstrip-cli")
        let result = try cartpole(
            "record", "--agent", Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors").path,
            "--q-strip", "--episodes", "1", "--size", "320x240", "--out", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let length = Int(result.stdout.split(separator: ",")[1].split(separator: " ")[1])!
        #expect(try probeVideo(folder.appendingPathComponent("rl-video-episode-0.mp4")).frames == length + 1)
    }
}
