/// What a set of training runs says about the variants they compare, from their evaluations: per run,
/// the final and best evaluation means and when the threshold was first reached; per variant, the IQM,
/// median and mean of the final scores over runs with 95% stratified-bootstrap intervals (one task, so
/// runs are resampled with replacement), the IQM of the evaluation curve at each frame with its interval,
/// and the performance profile. Each interval is a function of the values it summarises alone: they are
/// sorted and resampled from a generator seeded by them (`Statistics.generator(for:)`), so the same runs
/// give the same interval under any label, in any order, beside any other variant.
public struct RunComparison: Sendable {
    /// One training run: its variant, seed and evaluations.
    public struct Run: Sendable {
        /// The variant it belongs to.
        public var variant: String
        /// Its training seed.
        public var seed: UInt64
        /// Its evaluations, in frame order.
        public var points: [EvaluationPoint]
        /// How long it trained, when known.
        public var trainingSeconds: Double?

        /// A run of `variant` with these evaluations.
        public init(variant: String, seed: UInt64, points: [EvaluationPoint], trainingSeconds: Double? = nil) {
            self.variant = variant
            self.seed = seed
            self.points = points
            self.trainingSeconds = trainingSeconds
        }

        /// The last evaluation's mean return (its final score; NaN without evaluations).
        public var finalMean: Double { points.last?.meanReturn ?? .nan }
        /// The best evaluation mean (NaN without evaluations).
        public var bestMean: Double { points.map(\.meanReturn).max() ?? .nan }
        /// The frame from which the evaluation mean stays at or above `threshold` to the last evaluation, or
        /// nil when the final one is below it: "reaching" the threshold means one thing, so a run counts in
        /// the frames it took exactly when it counts among the runs that reach it.
        public func framesToThreshold(_ threshold: Double) -> Int? {
            guard let last = points.last, last.meanReturn >= threshold else { return nil }
            let below = points.lastIndex { $0.meanReturn < threshold }
            return points[below.map { $0 + 1 } ?? 0].frame
        }
    }

    /// What one variant's runs say together.
    public struct Variant: Sendable {
        /// The variant's name.
        public var name: String
        /// Its runs.
        public var runs: Int
        /// The IQM of its final scores with its 95% stratified-bootstrap interval.
        public var interquartileMean: Statistics.Estimate
        /// The median of its final scores.
        public var median: Double
        /// The mean of its final scores with its 95% stratified-bootstrap interval.
        public var mean: Statistics.Estimate
        /// Runs whose final evaluation mean reached the threshold.
        public var reached: Int
        /// Median over those runs of the frame from which their evaluation mean stayed at or above the
        /// threshold; nil when none reached it.
        public var medianFramesToThreshold: Double?
        /// The frames of the evaluation curve, and the IQM over runs at each with its interval.
        public var frames: [Int]
        /// The IQM of the evaluation means at each of `frames`, with its interval.
        public var curve: [Statistics.Estimate]
    }

    /// The reward threshold a final score reaches or not.
    public let threshold: Double
    /// Every run compared.
    public let runs: [Run]
    /// The variants, in the order given.
    public let variants: [Variant]

    /// - Parameters:
    ///   - runs: every run, each of one variant;
    ///   - order: the variants' names in the order to report them (those without runs are left out);
    ///   - threshold: the reward threshold that a run's final evaluation reaches or not;
    ///   - resamples: for the final scores' intervals (rliable's 50000; the lower end of a ten-run IQM then
    ///     moves by about 0.3 between generators, against 0.8 with 2000);
    ///   - curveResamples: for each frame of the curve, which only a figure shows.
    public init(runs: [Run], order: [String], threshold: Double, resamples: Int = 50000, curveResamples: Int = 2000) {
        self.threshold = threshold
        self.runs = runs
        variants = order.compactMap { name in
            let group = runs.filter { $0.variant == name && !$0.points.isEmpty }
            guard !group.isEmpty else { return nil }
            let finals = group.map(\.finalMean).sorted()
            let reachedFrames = group.compactMap { $0.framesToThreshold(threshold) }.map(Double.init)
            // The curve over the frames every run evaluated at.
            let frames = group.map { Set($0.points.map(\.frame)) }.reduce(Set(group[0].points.map(\.frame))) {
                $0.intersection($1)
            }.sorted()
            let curve = frames.map { frame in
                // Every run has a point at each of these frames (their intersection).
                let means = group.compactMap { run in run.points.first { $0.frame == frame }?.meanReturn }.sorted()
                var generator = Statistics.generator(for: means)
                return Statistics.bootstrapInterquartileMean(means, resamples: curveResamples, using: &generator)
            }
            var forIQM = Statistics.generator(for: finals)
            var forMean = Statistics.generator(for: finals)
            return Variant(
                name: name, runs: group.count,
                interquartileMean: Statistics.bootstrapInterquartileMean(finals, resamples: resamples, using: &forIQM),
                median: Statistics.median(finals),
                mean: Statistics.bootstrap(finals, resamples: resamples, using: &forMean, statistic: Statistics.mean),
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
    /// a function of the variant's scores alone.
    public func performanceProfileBands(thresholds: [Double], resamples: Int = 2000)
        -> [(variant: String, fractions: [Double], lower: [Double], upper: [Double])]
    {
        variants.map { variant in
            let scores = finals(variant).sorted()
            var generator = Statistics.generator(for: scores)
            let band = Statistics.performanceProfileBand(
                scores, thresholds: thresholds, resamples: resamples, using: &generator)
            return (
                variant.name, Statistics.performanceProfile(scores, thresholds: thresholds), band.lower, band.upper
            )
        }
    }

    /// The run that stands for a variant in its video: the one whose final evaluation mean is the variant's
    /// median (of an even number of runs the lower of the middle two; equal means by seed), nil without runs.
    public func medianRun(of variant: String) -> Run? {
        let group = runs.filter { $0.variant == variant && !$0.points.isEmpty }
            .sorted { ($0.finalMean, $0.seed) < ($1.finalMean, $1.seed) }
        return group.isEmpty ? nil : group[(group.count - 1) / 2]
    }

    /// The final evaluation means of a variant's runs.
    private func finals(_ variant: Variant) -> [Double] {
        runs.filter { $0.variant == variant.name && !$0.points.isEmpty }.map(\.finalMean)
    }
}
