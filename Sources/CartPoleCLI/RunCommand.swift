import Agent
import ArgumentParser
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train, then record test episodes and plot the training (the default).",
        discussion: """
        Writes into DIR: metrics.csv, agent.safetensors, training.png (refreshed while training), \
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
        do { return try body() } catch let error as ExitCode { throw error } catch let error as EpisodeRecording.Interrupted {
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

        let session = TrainingSession(configuration: configuration, folder: folder, interrupts: interrupts)
        let plotter = BackgroundPlotter(url: plotURL, environment: configuration.environment)
        let outcome = try step("training") {
            try session.run(every: plotEvery) { agent in plotter.refresh(agent.metrics) }
        }
        // The final plot is drawn while the episodes are recorded.
        plotter.refresh(outcome.agent.metrics, force: true)
        if outcome.interrupted {
            try step("plotting") { try plotter.finish() }
            print(outcome.summary)
            Console.message("interrupted after \(outcome.agent.frame) frames: agent, metrics and plot saved, recording skipped")
            throw ExitCode(interrupts.exitStatus)
        }

        let recorder = EpisodeRecording(network: outcome.agent.online, environment: configuration.environment,
                                        seed: configuration.seed, options: recording, folder: folder, interrupts: interrupts)
        let episodes: [EpisodeRecording.Result]
        do {
            episodes = try step("recording") {
                try recorder.run { Console.message("recorded \($0.url.lastPathComponent): return \(Int($0.returnValue)), length \($0.length)") }
            }
        } catch is EpisodeRecording.Interrupted {
            Console.message("interrupted while recording: finished videos kept, the unfinished one removed")
            throw ExitCode(interrupts.exitStatus)
        }
        try step("plotting") { try plotter.finish() }
        try step("cleaning up") { try removeStaleVideos(in: folder, keeping: episodes.count) }

        let names = ["metrics.csv", "agent.safetensors", "training.png"] + episodes.map { $0.url.lastPathComponent }
            + ["summary.json", "index.html"]
        let summary = RunSummary(configuration: configuration, recording: recording, outcome: outcome, episodes: episodes,
                                 files: names)
        try step("writing summary.json") { try summary.write(to: folder.appendingPathComponent("summary.json")) }
        try step("writing index.html") {
            try Data(RunReport.html(summary, plot: "training.png").utf8)
                .write(to: folder.appendingPathComponent("index.html"), options: .atomic)
        }

        print(outcome.summary)
        for episode in episodes {
            print("video:   \(episode.url.path) (return \(Int(episode.returnValue)), length \(episode.length))")
        }
        print(String(format: "test return: mean %g over %d episodes", summary.testReturns.mean, episodes.count))
        print("report:  \(folder.appendingPathComponent("index.html").path)")
    }

    /// Videos of an earlier run in the same folder beyond this run's episodes: ours, so replaced by nothing.
    private func removeStaleVideos(in folder: URL, keeping count: Int) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        for name in names where name.hasPrefix("rl-video-episode-") && name.hasSuffix(".mp4") {
            let index = Int(name.dropFirst("rl-video-episode-".count).dropLast(".mp4".count))
            if let index, index >= count { try FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        }
    }
}

/// A failed step of `cartpole run`, said in one line.
struct RunStepFailed: Error, CustomStringConvertible {
    let step: String
    let cause: Error
    var description: String { "\(step) failed: \(cause)" }
}
