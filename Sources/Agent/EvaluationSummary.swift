/// What an evaluation's returns say: summary statistics and 95% bootstrap intervals of the mean and the IQM.
public struct EvaluationSummary: Sendable, Equatable {
    public var episodes: Int
    public var mean: Statistics.Estimate
    public var interquartileMean: Statistics.Estimate
    public var median: Double
    public var standardDeviation: Double
    public var minimum: Double
    public var maximum: Double
    public var terminated: Int

    /// The bootstrap draws from `SplitMix64(seed: bootstrapSeed)`, so the same evaluation gives the same intervals.
    public init(_ episodes: [Evaluation.Episode], bootstrapSeed: UInt64) {
        let returns = episodes.map(\.returnValue)
        var generator = SplitMix64(seed: bootstrapSeed)
        self.episodes = episodes.count
        mean = Statistics.bootstrap(returns, using: &generator, statistic: Statistics.mean)
        interquartileMean = Statistics.bootstrapInterquartileMean(returns, using: &generator)
        median = Statistics.median(returns)
        standardDeviation = Statistics.standardDeviation(returns)
        minimum = returns.min() ?? .nan
        maximum = returns.max() ?? .nan
        terminated = episodes.filter { $0.ending == .terminated }.count
    }
}
