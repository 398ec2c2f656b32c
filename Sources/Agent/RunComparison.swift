/// What a set of training runs says about the variants they compare, from their evaluations: per run,
/// the final and best evaluation means and when the threshold was first reached; per variant, the IQM,
/// median and mean of the final scores over runs with 95% stratified-bootstrap intervals (one task, so
/// runs are resampled with replacement), the IQM of the evaluation curve at each frame with its interval,
/// and the performance profile. All intervals draw from one generator seeded with `bootstrapSeed`.
public struct RunComparison: Sendable {
    public struct Run: Sendable {
        public var variant: String
        public var seed: UInt64
        public var points: [EvaluationPoint]
        public var trainingSeconds: Double?

        public init(variant: String, seed: UInt64, points: [EvaluationPoint], trainingSeconds: Double? = nil) {
            self.variant = variant
            self.seed = seed
            self.points = points
            self.trainingSeconds = trainingSeconds
        }

        public var finalMean: Double { points.last?.meanReturn ?? .nan }
        public var bestMean: Double { points.map(\.meanReturn).max() ?? .nan }
        /// The first frame whose evaluation mean reached `threshold`, or nil.
        public func framesToThreshold(_ threshold: Double) -> Int? {
            points.first { $0.meanReturn >= threshold }?.frame
        }
    }

    public struct Variant: Sendable {
        public var name: String
        public var runs: Int
        public var interquartileMean: Statistics.Estimate
        public var median: Double
        public var mean: Statistics.Estimate
        /// Runs whose final evaluation mean reached the threshold.
        public var reached: Int
        /// Median over the runs that reached it of the frames it took; nil when none did.
        public var medianFramesToThreshold: Double?
        /// The frames of the evaluation curve, and the IQM over runs at each with its interval.
        public var frames: [Int]
        public var curve: [Statistics.Estimate]
    }

    public let threshold: Double
    public let runs: [Run]
    public let variants: [Variant]

    /// - Parameter order: the variants' names in the order to report them (those without runs are left out).
    public init(runs: [Run], order: [String], threshold: Double, bootstrapSeed: UInt64 = 0, resamples: Int = 2000) {
        self.threshold = threshold
        self.runs = runs
        var generator = SplitMix64(seed: bootstrapSeed)
        variants = order.compactMap { name in
            let group = runs.filter { $0.variant == name && !$0.points.isEmpty }
            guard !group.isEmpty else { return nil }
            let finals = group.map(\.finalMean)
            let reachedFrames = group.compactMap { $0.framesToThreshold(threshold) }.map(Double.init)
            // The curve over the frames every run evaluated at.
            let frames = group.map { Set($0.points.map(\.frame)) }.reduce(Set(group[0].points.map(\.frame))) {
                $0.intersection($1)
            }.sorted()
            let curve = frames.map { frame in
                let means = group.map { run in run.points.first { $0.frame == frame }!.meanReturn }
                return Statistics.bootstrapInterquartileMean(means, resamples: resamples, using: &generator)
            }
            return Variant(
                name: name, runs: group.count,
                interquartileMean: Statistics.bootstrapInterquartileMean(
                    finals, resamples: resamples, using: &generator),
                median: Statistics.median(finals),
                mean: Statistics.bootstrap(finals, resamples: resamples, using: &generator, statistic: Statistics.mean),
                reached: finals.filter { $0 >= threshold }.count,
                medianFramesToThreshold: reachedFrames.isEmpty ? nil : Statistics.median(reachedFrames),
                frames: frames, curve: curve)
        }
    }

    /// The fraction of each variant's runs whose final evaluation mean exceeds each threshold.
    public func performanceProfile(thresholds: [Double]) -> [(variant: String, fractions: [Double])] {
        variants.map { variant in (variant.name, Statistics.performanceProfile(finals(variant), thresholds: thresholds))
        }
    }

    /// Each variant's performance profile with its 95% bootstrap band over runs (as rliable draws them),
    /// the same for the same `bootstrapSeed`.
    public func performanceProfileBands(thresholds: [Double], bootstrapSeed: UInt64 = 0, resamples: Int = 2000)
        -> [(variant: String, fractions: [Double], lower: [Double], upper: [Double])]
    {
        var generator = SplitMix64(seed: bootstrapSeed)
        return variants.map { variant in
            let scores = finals(variant)
            let band = Statistics.performanceProfileBand(
                scores, thresholds: thresholds, resamples: resamples, using: &generator)
            return (
                variant.name, Statistics.performanceProfile(scores, thresholds: thresholds), band.lower, band.upper
            )
        }
    }

    /// The final evaluation means of a variant's runs.
    private func finals(_ variant: Variant) -> [Double] {
        runs.filter { $0.variant == variant.name && !$0.points.isEmpty }.map(\.finalMean)
    }
}
