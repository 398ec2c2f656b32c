import Agent
import FileFormats
import Foundation

/// Trains until the frame budget or until `shouldStop` says so, evaluating and keeping checkpoints as its
/// configuration says, then writes `metrics.csv`, `agent.safetensors` and, when evaluations were made,
/// `eval.csv` and `best.safetensors` (all atomically) into `folder`. While it trains it writes the same
/// values to a TensorBoard event file (`TensorBoardEventWriter.fileName`, tags `ScalarTag`), every 64 frames.
public struct TrainingSession {
    package var configuration: TrainingConfiguration
    package let folder: URL
    /// Asked after every frame; true ends the training early, with what was learned kept (an interrupt).
    package var shouldStop: () -> Bool = { false }
    /// Hears each checkpoint written to checkpoints/, e.g. to make a video of them while training goes on.
    package var checkpointed: (Checkpoint) -> Void = { _ in }
    /// Frames between snapshots (0: none).
    package var snapshotEvery = 0
    /// Hears the online network at the start (frame 0) and every `snapshotEvery` frames, e.g. to choose the
    /// agents of a video of the learning while training goes on.
    package var snapshot: (_ frame: Int, _ network: QNetwork) -> Void = { _, _ in }
    /// Hears the agent every 64 frames and once at the end, e.g. to show progress.
    package var progress: (DQNAgent, _ finished: Bool) -> Void = { _, _ in }
    /// Threads an update may use (`DQNAgent`'s `threads`): the bytes are the same with any; a training that
    /// has the machine to itself takes two when there are two cores.
    package var threads = 1

    /// Two threads when this machine has two cores or more, for a training that runs alone.
    package static var threadsForOneTraining: Int { ProcessInfo.processInfo.activeProcessorCount > 1 ? 2 : 1 }

    package init(configuration: TrainingConfiguration, folder: URL) {
        self.configuration = configuration
        self.folder = folder
    }

    /// What a training left: the agent, its wall time, whether it was stopped early, its evaluations.
    public struct Outcome {
        /// The agent as training left it.
        public let agent: DQNAgent
        /// Wall time of the training, in seconds.
        public let seconds: Double
        /// Whether it was stopped before its last frame.
        public let interrupted: Bool
        /// The evaluations made during training and the best network they found.
        public let evaluation: TrainingEvaluation
    }

    /// The outputs a training writes (`fnmatch` patterns), for its result folder.
    package static let outputs = [
        "metrics.csv", "agent.safetensors", "eval.csv", "best.safetensors", "checkpoints",
        TensorBoardEventWriter.fileName,
    ]

    /// Trains into `folder`, evaluating and checkpointing as the configuration says.
    /// - Parameters:
    ///   - every: frames between calls of `periodic` (0 for never), e.g. to refresh the plot;
    ///   - periodic: called with the agent and the evaluations so far; what it throws ends the training.
    /// - Returns: the trained agent, the time it took, whether it was stopped, and its evaluations.
    /// - Throws: what writing the outputs or `periodic` throws.
    package func run(every: Int = 0, periodic: (DQNAgent, TrainingEvaluation) throws -> Void = { _, _ in }) throws
        -> Outcome
    {
        let agent = try DQNAgent(configuration: configuration, threads: threads)
        var evaluation = TrainingEvaluation(
            every: configuration.evalEvery, episodes: configuration.evalEpisodes,
            environment: configuration.environment,
            trainingSeed: configuration.seed)
        let events = try TensorBoardEventWriter(url: folder.appendingPathComponent(TensorBoardEventWriter.fileName))
        var logged = (rows: 0, points: 0)
        func log() throws {
            for row in agent.metrics.rows[logged.rows...] {
                var scalars: [(tag: String, value: Float)] = []
                if let score = row.score { scalars.append((ScalarTag.episodicReturn, Float(score))) }
                if let loss = row.loss { scalars.append((ScalarTag.tdLoss, loss)) }
                if let epsilon = row.epsilon { scalars.append((ScalarTag.epsilon, Float(epsilon))) }
                events.add(step: row.frame, scalars: scalars)
            }
            for point in evaluation.points[logged.points...] {
                events.add(step: point.frame, scalars: [(ScalarTag.evaluationMean, Float(point.meanReturn))])
            }
            logged = (agent.metrics.rows.count, evaluation.points.count)
            try events.flush()
        }
        let clock = ContinuousClock()
        let start = clock.now
        var stopped = false
        if snapshotEvery > 0 { snapshot(agent.frame, agent.online) }
        while !agent.isFinished {
            if shouldStop() {
                stopped = true
                break
            }
            agent.step()
            if agent.frame % 64 == 0 {
                progress(agent, false)
                try log()
            }
            try evaluation.evaluateIfDue(agent)
            if configuration.checkpointEvery > 0 && agent.frame % configuration.checkpointEvery == 0 {
                try writeCheckpoint(agent, evaluation)
            }
            if snapshotEvery > 0 && agent.frame % snapshotEvery == 0 { snapshot(agent.frame, agent.online) }
            if every > 0 && agent.frame % every == 0 && !agent.isFinished { try periodic(agent, evaluation) }
        }
        progress(agent, true)
        try log()
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        try MetricsCSV.write(agent.metrics, to: folder.appendingPathComponent("metrics.csv"))
        try checkpoint(agent.online, frames: agent.frame).write(to: folder.appendingPathComponent("agent.safetensors"))
        if let best = evaluation.best {
            try TrainingEvaluationCSV.write(evaluation.points, to: folder.appendingPathComponent("eval.csv"))
            try checkpoint(best.network, frames: best.frame, evaluationMean: best.mean)
                .write(to: folder.appendingPathComponent("best.safetensors"))
        }
        return Outcome(agent: agent, seconds: seconds, interrupted: stopped, evaluation: evaluation)
    }

    /// checkpoints/agent-FRAME.safetensors, with the latest evaluation's mean when one was made.
    private func writeCheckpoint(_ agent: DQNAgent, _ evaluation: TrainingEvaluation) throws {
        let folder = self.folder.appendingPathComponent("checkpoints")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        // Only an evaluation made at this frame describes this checkpoint.
        let made = evaluation.points.last.flatMap { $0.frame == agent.frame ? $0.meanReturn : nil }
        let written = checkpoint(agent.online, frames: agent.frame, evaluationMean: made)
        try written.write(to: folder.appendingPathComponent(String(format: "agent-%06d.safetensors", agent.frame)))
        checkpointed(written)
    }

    /// A checkpoint of `network` with this training's metadata.
    package func checkpoint(_ network: QNetwork, frames: Int, evaluationMean: Double? = nil) -> Checkpoint {
        Checkpoint(network: network, training: configuration, frames: frames, evaluationMean: evaluationMean)
    }
}
