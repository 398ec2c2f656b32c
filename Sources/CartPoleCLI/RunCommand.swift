import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles
import Render

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train, then record test episodes and plot the training (the default).",
        discussion: """
        Writes into DIR: metrics.csv, agent.safetensors, eval.csv and best.safetensors (evaluations every \
        --eval-every frames and the best agent they found), checkpoints/, training.png (refreshed while training), \
        qmap.png (the final agent's Q-function), training-progress.mp4 (the checkpoints one after another), \
        rl-video-episode-{i}.mp4, summary.json and index.html, a page that shows them all. \
        Ctrl-C during training keeps what was learned (checkpoint, metrics, plot), skips the recording and exits 130.
        """)

    @Option(help: "Folder for every output (created if missing).")
    var out = "videos"
    @Option(parsing: .unconditional, help: "Frames between refreshes of training.png while training (0: only at the end).")
    var plotEvery = 1000
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Recording") var recording: RecordingOptions

    func validate() throws {
        try validateOutputFolder(out)
        guard plotEvery >= 0 else { throw ValidationError("--plot-every must be 0 or a positive number of frames (got \(plotEvery))") }
    }

    /// Runs one step of the job, turning its failure into a one-line error that names the step.
    @discardableResult
    private func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ExitCode { throw error } catch let error as TestEpisodeVideos.Interrupted {
            throw error
        } catch {
            throw RunStepFailed(step: name, cause: error)
        }
    }

    /// What a run writes into its folder (`fnmatch` patterns).
    static let outputs = TrainingSession.outputs
        + ["training.png", "qmap.png", "training-progress.*", "rl-video-episode-*", "summary.json", "index.html"]

    func run() throws {
        let configuration = try training.configuration
        let folder = try openResultFolder(out, command: "run", outputs: Self.outputs)
        let staging = folder.staging
        let interrupts = Interrupts()
        interrupts.install()

        var session = try TrainingSession(options: training, folder: staging, interrupts: interrupts)
        // About ten checkpoints unless chosen: the learning a progress video can show.
        if training.checkpointEvery == nil { session.checkpointEvery = max(configuration.frames / 10, 1) }
        let plotter = BackgroundPlotter(url: staging.appendingPathComponent("training.png"), environment: configuration.environment)
        let outcome = try step("training") {
            try session.run(every: plotEvery) { agent, evaluation in plotter.refresh(agent.metrics, evaluation: evaluation.points) }
        }
        // The final plot is drawn while the episodes are recorded.
        plotter.refresh(outcome.agent.metrics, evaluation: outcome.evaluation.points, force: true)
        var interrupted = outcome.interrupted
        var episodes: [TestEpisodeVideos.Result] = []
        if !interrupted {
            var recorder = TestEpisodeVideos(network: outcome.agent.online, environment: configuration.environment,
                                             seed: configuration.seed, settings: try recording.recordingSettings(), folder: staging)
            recorder.shouldStop = { interrupts.requested }
            recorder.warn = { Console.message("warning: \($0)") }
            do {
                episodes = try step("recording") {
                    try recorder.run { episode in
                        episodes.append(episode)
                        Console.message("recorded \(episode.url.lastPathComponent): return \(Int(episode.returnValue)), length \(episode.length)")
                    }
                }
            } catch is TestEpisodeVideos.Interrupted {
                // Keep the episodes finished in order, which the summary lists; any finished after a gap go.
                interrupted = true
                let kept = Set(episodes.map { $0.url.lastPathComponent })
                for name in FolderListing.visibleNames(in: staging) where name.hasPrefix("rl-video-episode-") && !kept.contains(name) {
                    try FileManager.default.removeItem(at: staging.appendingPathComponent(name))
                }
            }
        }
        try step("plotting") { try plotter.finish() }
        if !interrupted {
            do {
                try recordProgress(in: staging, environment: configuration.environment, seed: configuration.seed, interrupts: interrupts)
            } catch is TestEpisodeVideos.Interrupted {
                interrupted = true
            }
        }
        if !interrupted {
            try step("drawing qmap.png") {
                try QMapFigure.write(outcome.agent.online, environment: configuration.environment, seed: configuration.seed,
                                     to: staging.appendingPathComponent("qmap.png"))
            }
        }

        let names = FolderListing.visibleNames(in: staging) + ["summary.json", "index.html", RunManifest.fileName]
        let summary = RunSummary(configuration: configuration, recording: try recording.recordingSettings(quiet: true), outcome: outcome,
                                 version: CartPoleCommand.configuration.version, episodes: episodes, files: names.sorted(),
                                 interrupted: interrupted)
        try step("writing summary.json") { try summary.write(to: staging.appendingPathComponent("summary.json")) }
        try step("writing index.html") {
            try AtomicFile.write(Data(RunReport.html(summary, plot: "training.png").utf8), to: staging.appendingPathComponent("index.html"))
        }
        try step("moving the outputs into place") {
            try folder.commit(settings: training.optionValues.merging(recording.optionValues) { $1 }.merging(["plot-every": "\(plotEvery)"]) { $1 },
                              interrupted: interrupted)
        }

        Console.result(outcome.summary(in: folder.url))
        for episode in episodes {
            Console.result("video:   \(folder.final(episode.url.lastPathComponent).path) (return \(Int(episode.returnValue)), length \(episode.length))")
        }
        if !episodes.isEmpty { Console.result(String(format: "test return: mean %g over %d episodes", summary.testReturns.mean, episodes.count)) }
        Console.result("report:  \(folder.final("index.html").path)")
        if interrupted {
            Console.message("interrupted after \(outcome.agent.frame) frames: what was done is saved in \(folder.url.relativePath), marked interrupted; "
                + (episodes.isEmpty ? "no test episodes recorded" : "recording stopped"))
            throw ExitCode(interrupts.exitStatus)
        }
    }

    /// Most checkpoints a progress video plays: as many as a grid takes.
    static let progressCheckpoints = 64

    /// At most `count` of `items`, evenly spread from the first to the last.
    static func spread<T>(_ items: [T], atMost count: Int) -> [T] {
        guard items.count > count, count > 1 else { return items }
        return (0..<count).map { items[$0 * (items.count - 1) / (count - 1)] }
    }

    /// training-progress.mp4: each checkpoint's greedy episode, one after another.
    private func recordProgress(in staging: URL, environment: EnvironmentID, seed: UInt64, interrupts: Interrupts) throws {
        let checkpointFolder = staging.appendingPathComponent("checkpoints")
        guard FileManager.default.fileExists(atPath: checkpointFolder.path) else { return }
        try step("recording training-progress.\(recording.format)") {
            let (width, height) = try recording.dimensions
            let all = FolderListing.visibleNames(in: checkpointFolder).filter { $0.hasSuffix(".safetensors") }
            let chosen = Self.spread(all, atMost: Self.progressCheckpoints)
            let agents = try GridVideo.agents(chosen.map { checkpointFolder.appendingPathComponent($0).path }, note: Console.message)
            Console.message("recording training-progress.\(recording.format): \(agents.count) checkpoints, one episode each"
                + (chosen.count < all.count ? " (\(chosen.count) of the \(all.count), evenly spread, the last included)" : ""))
            var video = GridVideo(agents: agents, environment: environment, seed: seed)
            video.warn = { Console.message("warning: \($0)") }
            _ = try video.writeSequence(to: staging.appendingPathComponent("training-progress.\(recording.format)"), width: width,
                                        height: height, settings: recording.settings, titleFrames: recording.fps) { interrupts.requested }
        }
    }
}

/// A failed step of `cartpole run`, said in one line.
struct RunStepFailed: Error, CustomStringConvertible {
    let step: String
    let cause: Error
    var description: String { "\(step) failed: \(cause)" }
}
