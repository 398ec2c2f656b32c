import Agent
import FileFormats
import Foundation

/// The job of `cartpole eval`: play episodes with a network without learning (episode i from seed
/// `firstSeed + i`), summarise the returns with bootstrap intervals, and write `eval.csv` and, when asked,
/// the histogram `eval.png` (or its other formats) into one folder (a result folder's staging).
public struct EvaluationWorkflow {
    public let network: any QFunction
    public let environment: EnvironmentID
    public let episodes: Int
    /// Probability of a random action at each step (0: greedy).
    public var epsilon = 0.0
    public let firstSeed: UInt64
    public var drawsHistogram = false
    /// How the histogram is written.
    public var figures = FigureOutput.png
    /// What the histogram's title calls the agent (its file, say).
    public var agentName = "agent"
    /// False: only the histogram (a run's folder has an eval.csv of its own, the evaluations during training).
    public var writesCSV = true
    /// Asked after each episode; true ends the evaluation with the episodes played so far.
    public var shouldStop: () -> Bool = { false }
    /// Hears how many episodes were played, after each one.
    public var progress: (Int) -> Void = { _ in }
    /// Hears how many episodes were played when their statistics start (10000 bootstrap resamples of
    /// them: a while for a million).
    public var summarising: (Int) -> Void = { _ in }

    /// - Precondition: the seeds `firstSeed` to `firstSeed + episodes - 1` do not pass `UInt64.max`.
    public init(network: any QFunction, environment: EnvironmentID, episodes: Int, firstSeed: UInt64) {
        precondition(
            episodes > 0 && UInt64.max - firstSeed >= UInt64(episodes - 1), "the episodes' seeds fit in UInt64")
        self.network = network
        self.environment = environment
        self.episodes = episodes
        self.firstSeed = firstSeed
    }

    public struct Result {
        public let played: [Evaluation.Episode]
        public let summary: EvaluationSummary
        /// Stopped before every episode was played.
        public let interrupted: Bool
    }

    public func run(into folder: URL) throws -> Result {
        let played = try Evaluation.play(
            network, environment: environment, episodes: episodes, epsilon: epsilon, seed: firstSeed
        ) { count in
            progress(count)
            return !shouldStop()
        }
        summarising(played.count)
        let summary = EvaluationSummary(played, bootstrapSeed: firstSeed)
        if writesCSV { try EvaluationCSV.write(played, to: folder.appendingPathComponent("eval.csv")) }
        if drawsHistogram {
            try figures.write(
                EvaluationPlot.figure(
                    played, summary: summary, environment: environment, agent: agentName, epsilon: epsilon),
                named: "eval", defaultSize: EvaluationPlot.defaultSize, into: folder)
        }
        return Result(played: played, summary: summary, interrupted: played.count < episodes)
    }
}
