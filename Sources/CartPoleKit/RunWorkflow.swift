import Agent
import Foundation
import OutputFiles
import Render

/// The whole job of `cartpole run`: train with evaluations and checkpoints (the training figure refreshed
/// on another thread), record test episodes, draw the training figure, the checkpoints' progress video and
/// the Q-map, and write `summary.json` and `index.html`, all into one folder (a result folder's staging).
/// Stopped by `shouldStop`, it keeps what was done and says so in the summary and the report.
public struct RunWorkflow {
    package var session: TrainingSession
    package var recording: RecordingSettings
    /// Frames between refreshes of training.png (0: only at the end).
    package var plotEvery = 1000
    /// The tool's version, for the summary.
    package var version: String
    /// Asked while recording; the training asks its session's own.
    package var shouldStop: @Sendable () -> Bool = { false }
    /// How the figures are written (PNG always, which the report shows).
    package var figures = FigureOutput.png
    /// Hears a line for each step done (an episode recorded, the progress video started) and each warning.
    package var message: @Sendable (String) -> Void = { _ in }

    /// What a run writes into its folder (`fnmatch` patterns).
    package static let outputs =
        TrainingSession.outputs
        + [
            "training-progress.*", "rl-video-episode-*", "summary.json", "index.html",
        ] + ["training", "qmap", "eval"].flatMap(FigureOutput.names)

    /// Greedy episodes of the final agent that `eval.png` shows, as `cartpole eval --plot` plays them.
    package static let finalEvaluationEpisodes = 100

    /// The first of those episodes' seeds: the training's, or lower when the episodes' seeds would pass
    /// the largest.
    package static func finalEvaluationSeed(trainingSeed seed: UInt64) -> UInt64 {
        min(seed, UInt64.max - UInt64(finalEvaluationEpisodes - 1))
    }

    /// - Parameters:
    ///   - session: its configuration's `checkpointEvery` of 0 means no checkpoints, unless
    ///     `checkpointsByDefault`;
    ///   - recording: how the test episodes are recorded;
    ///   - version: the tool's version, for the summary;
    ///   - checkpointsByDefault: a `checkpointEvery` of 0 is taken as 40 checkpoints over the training (for a
    ///     run that was not told), which `record`, `qmap` and `eval` can take.
    package init(
        session: TrainingSession, recording: RecordingSettings, version: String, checkpointsByDefault: Bool = true
    ) {
        self.session = session
        self.recording = recording
        self.version = version
        if checkpointsByDefault && session.configuration.checkpointEvery == 0 {
            self.session.configuration.checkpointEvery = max(session.configuration.frames / 40, 1)
        }
    }

    /// What a run made.
    public struct Result {
        /// The training.
        public let outcome: TrainingSession.Outcome
        /// The test episodes recorded, in order (those finished before an interrupt).
        public let episodes: [TestEpisodeVideos.Result]
        /// What summary.json says.
        public let summary: RunSummary
        /// Whether it was stopped before the end.
        public let interrupted: Bool
    }

    /// A failed step of the job, said in one line.
    public struct StepFailed: Error, CustomStringConvertible {
        /// The step that failed, in words.
        public let step: String
        /// Why.
        public let cause: Error
        /// The failure of `step` because of `cause`.
        public init(step: String, cause: Error) {
            self.step = step
            self.cause = cause
        }
        /// One line: the step and its cause.
        public var description: String { "\(step) failed: \(cause)" }
    }

    /// Does the job into `folder`, which should be empty (a staging folder).
    package func run(into folder: URL) throws -> Result {
        let configuration = session.configuration
        let plotter = BackgroundPlotter(
            folder: folder, environment: configuration.environment, figures: figures.withPNG)
        // The progress video chooses its agents from snapshots as the training makes them, on another core.
        let format = recording.video.container.rawValue
        let message = self.message
        let progress = try Self.step("recording training-progress.\(format)") {
            try ProgressVideo(
                url: folder.appendingPathComponent("training-progress.\(format)"), training: configuration,
                settings: recording, warn: { message("warning: \($0)") }, shouldStop: shouldStop)
        }
        // Whatever ends the job, the threads drawing and encoding into the folder have stopped when it
        // returns: a failed job's staging folder is then removed whole.
        defer {
            progress.cancel()
            plotter.wait()
        }
        var session = self.session
        session.snapshotEvery = Self.snapshotEvery(frames: configuration.frames)
        session.snapshot = { progress.add(frame: $0, network: $1) }
        let outcome = try Self.step("training") {
            try session.run(every: plotEvery) { agent, evaluation in
                plotter.refresh(agent.metrics, evaluation: evaluation.points)
            }
        }
        // The final plot is drawn while the episodes are recorded and the progress video is finished.
        plotter.refresh(outcome.agent.metrics, evaluation: outcome.evaluation.points, force: true)
        var interrupted = outcome.interrupted
        if !interrupted {
            message(
                "recording training-progress.\(format): the untrained agent, the first to reach each quarter of the "
                    + "threshold (evaluated every \(session.snapshotEvery) frames) and the final one, an episode each")
        }
        var episodes: [TestEpisodeVideos.Result] = []
        if !interrupted {
            var recorder = TestEpisodeVideos(
                network: outcome.agent.online, environment: configuration.environment,
                seed: configuration.seed, settings: recording, folder: folder)
            recorder.shouldStop = shouldStop
            recorder.warn = { message("warning: \($0)") }
            do {
                episodes = try Self.step("recording") {
                    try recorder.run { episode in
                        episodes.append(episode)
                        message(
                            "recorded \(episode.url.lastPathComponent): return \(Int(episode.returnValue)), length \(episode.length)"
                        )
                    }
                }
            } catch is TestEpisodeVideos.Interrupted {
                // Keep the episodes finished in order, which the summary lists; any finished after a gap go.
                interrupted = true
                let kept = Set(episodes.map { $0.url.lastPathComponent })
                for name in FolderListing.visibleNames(in: folder)
                where name.hasPrefix("rl-video-episode-") && !kept.contains(name) {
                    try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
                }
            }
        }
        try Self.step("plotting") { try plotter.finish() }
        if interrupted {
            progress.cancel()
        } else {
            do {
                try Self.step("recording training-progress.\(format)") {
                    try progress.finish(final: outcome.agent.online, frame: outcome.agent.frame)
                }
            } catch is TestEpisodeVideos.Interrupted {
                interrupted = true
            }
        }
        if !interrupted {
            try Self.step("drawing qmap.png") {
                try QMapFigure.write(
                    outcome.agent.online, environment: configuration.environment, seed: configuration.seed,
                    figures: figures.withPNG, into: folder)
            }
            try Self.step("drawing eval.png") {
                var evaluation = EvaluationWorkflow(
                    network: outcome.agent.online, environment: configuration.environment,
                    episodes: Self.finalEvaluationEpisodes,
                    firstSeed: Self.finalEvaluationSeed(trainingSeed: configuration.seed))
                evaluation.drawsHistogram = true
                evaluation.figures = figures.withPNG
                evaluation.agentName = "agent.safetensors"
                evaluation.writesCSV = false
                _ = try evaluation.run(into: folder)
            }
        }
        let names = FolderListing.visibleNames(in: folder) + ["summary.json", "index.html", RunManifest.fileName]
        let summary = RunSummary(
            configuration: configuration, recording: recording, outcome: outcome, version: version, episodes: episodes,
            files: names.sorted(), interrupted: interrupted)
        try Self.step("writing summary.json") { try summary.write(to: folder.appendingPathComponent("summary.json")) }
        try Self.step("writing index.html") {
            try AtomicFile.write(
                Data(RunReport.html(summary, plot: "training.png").utf8),
                to: folder.appendingPathComponent("index.html"))
        }
        return Result(outcome: outcome, episodes: episodes, summary: summary, interrupted: interrupted)
    }

    /// Frames between the snapshots a progress video chooses from: 200 over the training, every frame for
    /// a short one.
    package static func snapshotEvery(frames: Int) -> Int { max(frames / 200, 1) }

    /// Runs one step of the job, turning its failure into a one-line error that names the step.
    @discardableResult
    static func step<T>(_ name: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as TestEpisodeVideos.Interrupted { throw error } catch {
            throw StepFailed(step: name, cause: error)
        }
    }
}
