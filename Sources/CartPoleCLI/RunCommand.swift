import Agent
import ArgumentParser
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
        guard plotEvery >= 0 else { throw ValidationError("--plot-every must be 0 or a positive number of frames (got \(plotEvery))") }
    }

    /// Runs one step of the job, turning its failure into a one-line error that names the step.
    private func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as ExitCode { throw error } catch let error as TestEpisodeVideos.Interrupted {
            throw error
        } catch {
            throw RunStepFailed(step: name, cause: error)
        }
    }

    func run() throws {
        let configuration = try training.configuration
        let folder = try prepareOutputFolder(out)
        let interrupts = Interrupts()
        interrupts.install()
        let plotURL = folder.appendingPathComponent("training.png")

        var session = try TrainingSession(options: training, folder: folder, interrupts: interrupts)
        // About ten checkpoints unless chosen: the learning a progress video can show.
        if training.checkpointEvery == nil { session.checkpointEvery = max(configuration.frames / 10, 1) }
        let plotter = BackgroundPlotter(url: plotURL, environment: configuration.environment)
        let outcome = try step("training") {
            try session.run(every: plotEvery) { agent, evaluation in plotter.refresh(agent.metrics, evaluation: evaluation.points) }
        }
        // The final plot is drawn while the episodes are recorded.
        plotter.refresh(outcome.agent.metrics, evaluation: outcome.evaluation.points, force: true)
        if outcome.interrupted {
            try step("plotting") { try plotter.finish() }
            print(outcome.summary)
            Console.message("interrupted after \(outcome.agent.frame) frames: agent, metrics and plot saved, recording skipped")
            throw ExitCode(interrupts.exitStatus)
        }

        let recorder = TestEpisodeVideos(network: outcome.agent.online, environment: configuration.environment,
                                        seed: configuration.seed, options: recording, folder: folder, interrupts: interrupts)
        let episodes: [TestEpisodeVideos.Result]
        do {
            episodes = try step("recording") {
                try recorder.run { Console.message("recorded \($0.url.lastPathComponent): return \(Int($0.returnValue)), length \($0.length)") }
            }
        } catch is TestEpisodeVideos.Interrupted {
            Console.message("interrupted while recording: finished videos kept, unfinished ones removed")
            throw ExitCode(interrupts.exitStatus)
        }
        try step("plotting") { try plotter.finish() }
        let checkpointFolder = folder.appendingPathComponent("checkpoints")
        let progress = FileManager.default.fileExists(atPath: checkpointFolder.path)
        if progress {
            try step("recording training-progress.mp4") {
                let (width, height) = try recording.dimensions
                let video = GridVideo(agents: try GridVideo.agents([checkpointFolder.path]), environment: configuration.environment,
                                      seed: configuration.seed)
                _ = try video.writeSequence(to: folder.appendingPathComponent("training-progress.\(recording.format)"), width: width,
                                            height: height, settings: recording.settings, titleFrames: recording.fps) { interrupts.requested }
            }
        }
        try step("drawing qmap.png") {
            try QMapFigure.write(outcome.agent.online, environment: configuration.environment, seed: configuration.seed,
                                 to: folder.appendingPathComponent("qmap.png"))
        }
        try step("cleaning up") { try removeEarlierVideos(in: folder, keeping: episodes.map { $0.url.lastPathComponent }) }

        let evaluated = outcome.evaluation.best == nil ? [] : ["eval.csv", "best.safetensors"]
        let checkpoints = progress ? ["checkpoints"] : []
        let names = ["metrics.csv", "agent.safetensors"] + evaluated + checkpoints + ["training.png", "qmap.png"] + (progress ? ["training-progress.\(recording.format)"] : []) + episodes.map { $0.url.lastPathComponent }
            + ["summary.json", "index.html"]
        let summary = RunSummary(configuration: configuration, recording: recording, outcome: outcome, episodes: episodes,
                                 files: names)
        try step("writing summary.json") { try summary.write(to: folder.appendingPathComponent("summary.json")) }
        try step("writing index.html") {
            try AtomicFile.write(Data(RunReport.html(summary, plot: "training.png").utf8), to: folder.appendingPathComponent("index.html"))
        }

        print(outcome.summary)
        for episode in episodes {
            print("video:   \(episode.url.path) (return \(Int(episode.returnValue)), length \(episode.length))")
        }
        print(String(format: "test return: mean %g over %d episodes", summary.testReturns.mean, episodes.count))
        print("report:  \(folder.appendingPathComponent("index.html").path)")
    }

    /// Videos that the previous run into this folder listed as its own in summary.json and that this run did
    /// not write again (it had more episodes). Files no run of ours listed, such as a user's own
    /// RecordVideo output of the same name pattern, are never touched.
    private func removeEarlierVideos(in folder: URL, keeping names: [String]) throws {
        let earlier = RunSummary.filesOfPreviousRun(at: folder.appendingPathComponent("summary.json"))
        let formats = VideoSettings.Container.allCases.map { ".\($0.rawValue)" }
        for name in earlier where name.hasPrefix("rl-video-episode-") && formats.contains(where: name.hasSuffix) && !names.contains(name)
            && !name.contains("/") {
            let url = folder.appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: url.path) { try FileManager.default.removeItem(at: url) }
        }
    }
}

/// A failed step of `cartpole run`, said in one line.
struct RunStepFailed: Error, CustomStringConvertible {
    let step: String
    let cause: Error
    var description: String { "\(step) failed: \(cause)" }
}
