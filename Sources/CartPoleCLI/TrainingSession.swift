import Agent
import Foundation

/// Trains with progress on stderr until the frame budget or an interrupt, evaluating every `evalEvery`
/// frames, then writes `metrics.csv`, `agent.safetensors` and, when evaluations were made, `eval.csv` and
/// `best.safetensors` (all atomically) into the folder.
struct TrainingSession {
    let configuration: TrainingConfiguration
    let folder: URL
    let interrupts: Interrupts
    var evalEvery: Int
    var evalEpisodes: Int
    /// Frames between checkpoints in checkpoints/ (0: none).
    var checkpointEvery = 0
    /// Progress lines on stderr (off for the runs of a comparison, which report each run once).
    var showsProgress = true

    init(configuration: TrainingConfiguration, folder: URL, interrupts: Interrupts, evalEvery: Int = 0, evalEpisodes: Int = 10) {
        self.configuration = configuration
        self.folder = folder
        self.interrupts = interrupts
        self.evalEvery = evalEvery
        self.evalEpisodes = evalEpisodes
    }

    init(options: TrainingOptions, folder: URL, interrupts: Interrupts) throws {
        self.init(configuration: try options.configuration, folder: folder, interrupts: interrupts,
                  evalEvery: options.evalEvery, evalEpisodes: options.evalEpisodes)
        checkpointEvery = options.checkpointEvery ?? 0
    }

    struct Outcome {
        let agent: DQNAgent
        let seconds: Double
        let interrupted: Bool
        let evaluation: TrainingEvaluation
    }

    /// - Parameter every: frames between calls of `periodic` (0 for never), e.g. to refresh the plot.
    func run(every: Int = 0, periodic: (DQNAgent, TrainingEvaluation) throws -> Void = { _, _ in }) throws -> Outcome {
        let agent = try DQNAgent(configuration: configuration)
        var evaluation = TrainingEvaluation(every: evalEvery, episodes: evalEpisodes, environment: configuration.environment,
                                            trainingSeed: configuration.seed)
        let progress = TrainingProgress(totalFrames: configuration.frames)
        while !agent.isFinished && !interrupts.requested {
            agent.step()
            if showsProgress && agent.frame % 64 == 0 { progress.update(agent) }
            try evaluation.evaluateIfDue(agent)
            if checkpointEvery > 0 && agent.frame % checkpointEvery == 0 { try writeCheckpoint(agent, evaluation) }
            if every > 0 && agent.frame % every == 0 && !agent.isFinished { try periodic(agent, evaluation) }
        }
        if showsProgress { progress.finish(agent) }
        let seconds = progress.elapsedSeconds
        try MetricsCSV.write(agent.metrics, to: folder.appendingPathComponent("metrics.csv"))
        try checkpoint(agent.online, frames: agent.frame).write(to: folder.appendingPathComponent("agent.safetensors"))
        if let best = evaluation.best {
            try EvaluationCSV.write(EvaluationCSV.encode(evaluation.points), to: folder.appendingPathComponent("eval.csv"))
            try checkpoint(best.network, frames: best.frame, evaluationMean: best.mean)
                .write(to: folder.appendingPathComponent("best.safetensors"))
        }
        return Outcome(agent: agent, seconds: seconds, interrupted: interrupts.requested, evaluation: evaluation)
    }

    /// checkpoints/agent-FRAME.safetensors, with the latest evaluation's mean when one was made.
    private func writeCheckpoint(_ agent: DQNAgent, _ evaluation: TrainingEvaluation) throws {
        let folder = self.folder.appendingPathComponent("checkpoints")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try checkpoint(agent.online, frames: agent.frame, evaluationMean: evaluation.points.last?.meanReturn)
            .write(to: folder.appendingPathComponent(String(format: "agent-%06d.safetensors", agent.frame)))
    }

    func checkpoint(_ network: QNetwork, frames: Int, evaluationMean: Double? = nil) -> Checkpoint {
        Checkpoint(network: network, environment: configuration.environment, nStep: configuration.nStep,
                   gamma: configuration.gamma, seed: configuration.seed, frames: frames, evaluationMean: evaluationMean,
                   timeLimit: configuration.timeLimit)
    }
}

extension TrainingSession.Outcome {
    /// The outputs a training writes (`fnmatch` patterns), for its result folder.
    static let outputs = ["metrics.csv", "agent.safetensors", "eval.csv", "best.safetensors", "checkpoints"]

    /// The closing lines for stdout, naming the files as they are in `folder` once committed.
    func summary(in folder: URL) -> String {
        let rate = Double(agent.frame) / max(seconds, 1e-9)
        let mean = agent.metrics.recentMeanScore().map { String(format: "%.1f", $0) } ?? "no finished episode"
        return """
        trained \(agent.frame) frames in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", rate)) frames/s), \
        \(agent.episodes) episodes, mean of the last 10 scores: \(mean)
        metrics: \(folder.appendingPathComponent("metrics.csv").path)
        agent:   \(folder.appendingPathComponent("agent.safetensors").path)
        """ + evaluationSummary(in: folder)
    }

    /// The evaluation lines, when evaluations were made.
    private func evaluationSummary(in folder: URL) -> String {
        guard let last = evaluation.points.last, let best = evaluation.best else { return "" }
        return String(format: "\nevaluation: mean %.1f over %d episodes at frame %d; best %.1f at frame %d",
                      last.meanReturn, last.returns.count, last.frame, best.mean, best.frame)
            + "\neval:    \(folder.appendingPathComponent("eval.csv").path)"
            + "\nbest:    \(folder.appendingPathComponent("best.safetensors").path)"
    }
}
