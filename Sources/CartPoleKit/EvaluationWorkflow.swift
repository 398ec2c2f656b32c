import Agent
import FileFormats
import Foundation

/// The job of `cartpole eval`: play episodes with a network without learning (episode i from seed
/// `firstSeed + i`), summarise the returns with bootstrap intervals, and write `eval.csv` and, when asked,
/// the histogram `eval.png` (or its other formats) into one folder (a result folder's staging).
public struct EvaluationWorkflow {
    package let network: any QFunction
    package let environment: EnvironmentID
    package let episodes: Int
    /// Probability of a random action at each step (0: greedy).
    package var epsilon = 0.0
    package let firstSeed: UInt64
    package var drawsHistogram = false
    /// How the histogram is written.
    package var figures = FigureOutput.png
    /// What the histogram's title calls the agent (its file, say).
    package var agentName = "agent"
    /// False: only the histogram (a run's folder has an eval.csv of its own, the evaluations during training).
    package var writesCSV = true
    /// Asked after each episode; true ends the evaluation with the episodes played so far.
    package var shouldStop: () -> Bool = { false }
    /// Hears how many episodes were played, after each one.
    package var progress: (Int) -> Void = { _ in }
    /// Hears how many episodes were played when their statistics start (10000 bootstrap resamples of
    /// them: a while for a million).
    package var summarising: (Int) -> Void = { _ in }

    /// - Precondition: the seeds `firstSeed` to `firstSeed + episodes - 1` do not pass `UInt64.max`.
    package init(network: any QFunction, environment: EnvironmentID, episodes: Int, firstSeed: UInt64) {
        precondition(
            episodes > 0 && UInt64.max - firstSeed >= UInt64(episodes - 1), "the episodes' seeds fit in UInt64")
        self.network = network
        self.environment = environment
        self.episodes = episodes
        self.firstSeed = firstSeed
    }

    /// What an evaluation played and what its returns say.
    public struct Result {
        /// The episodes played, in order.
        public let played: [Evaluation.Episode]
        /// Their statistics with intervals.
        public let summary: EvaluationSummary
        /// Stopped before every episode was played.
        public let interrupted: Bool
    }

    package func run(into folder: URL) throws -> Result {
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
