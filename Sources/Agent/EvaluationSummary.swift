/// What an evaluation's returns say: summary statistics and 95% bootstrap intervals of the mean and the IQM.
public struct EvaluationSummary: Sendable, Equatable {
    /// Episodes played.
    public var episodes: Int
    /// The mean return with its 95% bootstrap interval.
    public var mean: Statistics.Estimate
    /// The interquartile mean (IQM) of the returns with its 95% bootstrap interval.
    public var interquartileMean: Statistics.Estimate
    /// The median return.
    public var median: Double
    /// The returns' sample standard deviation (n - 1).
    public var standardDeviation: Double
    /// The smallest return.
    public var minimum: Double
    /// The largest return.
    public var maximum: Double
    /// Episodes that ended by termination (the pole fell or the cart left the track) rather than the time limit.
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
