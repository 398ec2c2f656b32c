import Foundation
import OutputFiles

/// Summary statistics and interval estimates of returns, with the definitions of rliable (Agarwal et al.
/// 2021, `rliable/metrics.py` and `library.py`): the interquartile mean is scipy's `trim_mean(x, 0.25)`,
/// intervals are percentile bootstraps, and over runs the bootstrap is stratified by task (here one task,
/// CartPole, so runs are resampled with replacement). Pure functions; the bootstrap takes its generator.
public enum Statistics {
    package static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// Sample standard deviation (n - 1 in the denominator, as pandas and numpy's `ddof=1`); 0 for one value.
    package static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return values.isEmpty ? .nan : 0 }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    package static func median(_ values: [Double]) -> Double { quantile(values.sorted(), 0.5) }

    /// The q-quantile of sorted values with linear interpolation between order statistics (numpy's default).
    package static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        guard !sorted.isEmpty else { return .nan }
        let position = q * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        let fraction = position - Double(below)
        return sorted[below] + (sorted[above] - sorted[below]) * fraction
    }

    /// The interquartile mean: the mean of what is left after cutting `Int(0.25 · n)` values from each end
    /// of the sorted sample (scipy's `trim_mean(x, 0.25)`, as rliable computes it).
    package static func interquartileMean(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        let cut = Int(0.25 * Double(sorted.count))
        return mean(Array(sorted[cut..<(sorted.count - cut)]))
    }

    /// A point estimate with its confidence interval.
    public struct Estimate: Sendable, Equatable {
        /// The point estimate.
        public var value: Double
        /// The interval's lower end.
        public var lower: Double
        /// The interval's upper end.
        public var upper: Double

        /// An estimate with its interval.
        public init(value: Double, lower: Double, upper: Double) {
            self.value = value
            self.lower = lower
            self.upper = upper
        }
    }

    /// A generator seeded by `values` alone, in any order (FNV-1a over their sorted bit patterns, -0 as 0):
    /// a bootstrap of the sorted values drawn from it is a function of the sample, whatever was computed
    /// before or beside it.
    package static func generator(for values: [Double]) -> SplitMix64 {
        SplitMix64(seed: FNV1a.hash(values.sorted().lazy.map { ($0 == 0 ? 0 : $0).bitPattern }))
    }

    /// The statistic with a percentile-bootstrap confidence interval: `resamples` samples of the same size
    /// drawn with replacement, the interval between their (1 - level)/2 and (1 + level)/2 quantiles.
    package static func bootstrap(
        _ values: [Double], level: Double = 0.95, resamples: Int = 10000, using generator: inout SplitMix64,
        statistic: ([Double]) -> Double
    ) -> Estimate {
        let value = statistic(values)
        guard !values.isEmpty else { return Estimate(value: .nan, lower: .nan, upper: .nan) }
        var draws: [Double] = []
        draws.reserveCapacity(resamples)
        var sample = [Double](repeating: 0, count: values.count)
        for _ in 0..<resamples {
            for i in sample.indices { sample[i] = values[generator.nextIndex(below: values.count)] }
            draws.append(statistic(sample))
        }
        draws.sort()
        return Estimate(value: value, lower: quantile(draws, (1 - level) / 2), upper: quantile(draws, (1 + level) / 2))
    }

    /// `bootstrap(values, statistic: interquartileMean)` with the same draws and bit-identical results, in
    /// time linear in the sample instead of a sort per resample: a resample sorted is the values' own sorted
    /// order with each one repeated as often as it was drawn, so the draws are counted by rank and the
    /// trimmed sum walks the counts (adding in sorted order, as the sort would).
    package static func bootstrapInterquartileMean(
        _ values: [Double], level: Double = 0.95, resamples: Int = 10000,
        using generator: inout SplitMix64
    ) -> Estimate {
        let value = interquartileMean(values)
        let n = values.count
        guard n > 0 else { return Estimate(value: .nan, lower: .nan, upper: .nan) }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var rank = [Int](repeating: 0, count: n)
        for (position, index) in order.enumerated() { rank[index] = position }
        let sorted = order.map { values[$0] }
        let cut = Int(0.25 * Double(n))
        let kept = n - 2 * cut
        var counts = [Int](repeating: 0, count: n)
        var draws: [Double] = []
        draws.reserveCapacity(resamples)
        for _ in 0..<resamples {
            for _ in 0..<n { counts[rank[generator.nextIndex(below: n)]] += 1 }
            var skip = cut
            var take = kept
            var sum = 0.0
            for position in 0..<n where counts[position] > 0 {
                var count = counts[position]
                counts[position] = 0
                let skipped = min(skip, count)
                skip -= skipped
                count -= skipped
                let taken = min(take, count)
                take -= taken
                for _ in 0..<taken { sum += sorted[position] }
            }
            draws.append(sum / Double(kept))
        }
        draws.sort()
        return Estimate(value: value, lower: quantile(draws, (1 - level) / 2), upper: quantile(draws, (1 + level) / 2))
    }

    /// The fraction of `scores` above each threshold tau (rliable's performance profile, one task).
    package static func performanceProfile(_ scores: [Double], thresholds: [Double]) -> [Double] {
        thresholds.map { tau in scores.isEmpty ? .nan : Double(scores.filter { $0 > tau }.count) / Double(scores.count)
        }
    }

    /// The percentile-bootstrap band of `performanceProfile` at each threshold, resampling the scores with
    /// replacement. A resample is counted by rank (how often each of the sorted scores was drawn), so the
    /// fraction above every threshold comes from one pass of suffix sums: linear in the scores per resample.
    package static func performanceProfileBand(
        _ scores: [Double], thresholds: [Double], level: Double = 0.95, resamples: Int = 2000,
        using generator: inout SplitMix64
    ) -> (lower: [Double], upper: [Double]) {
        guard !scores.isEmpty else {
            return (thresholds.map { _ in .nan }, thresholds.map { _ in .nan })
        }
        let sorted = scores.sorted()
        let n = sorted.count
        // For each threshold, the first rank above it: the runs above it are ranks first..<n.
        let firstAbove = thresholds.map { tau in sorted.firstIndex { $0 > tau } ?? n }
        var draws = [[Double]](repeating: [], count: thresholds.count)
        var counts = [Int](repeating: 0, count: n)
        var suffix = [Int](repeating: 0, count: n + 1)
        for _ in 0..<resamples {
            for i in counts.indices { counts[i] = 0 }
            for _ in 0..<n { counts[generator.nextIndex(below: n)] += 1 }
            for rank in stride(from: n - 1, through: 0, by: -1) { suffix[rank] = suffix[rank + 1] + counts[rank] }
            for (t, first) in firstAbove.enumerated() { draws[t].append(Double(suffix[first]) / Double(n)) }
        }
        return (
            draws.map { quantile($0.sorted(), (1 - level) / 2) }, draws.map { quantile($0.sorted(), (1 + level) / 2) }
        )
    }

    /// Counts of `values` in bins of `width` from 0, as a histogram of returns draws them: bin k holds
    /// [k·width, (k+1)·width), except that the top bin also holds `maximum` (the most an episode can
    /// return), so 200 of 200 falls in [190, 200], not alone in [200, 210). Bins from the lowest value's to
    /// the highest's; non-finite values are left out.
    package static func histogram(_ values: [Double], width: Double, maximum: Double) -> [(
        lower: Double, upper: Double, count: Int
    )] {
        precondition(width > 0 && maximum > 0)
        let finite = values.filter(\.isFinite)
        guard let low = finite.min(), let high = finite.max() else { return [] }
        let top = max(Int((maximum / width).rounded(.up)) - 1, 0)
        func bin(_ value: Double) -> Int {
            let index = Int(min(max(value, 0) / width, 1e9).rounded(.down))
            return value <= maximum ? min(index, top) : index
        }
        let first = bin(low)
        let count = min(bin(high) - first + 1, 10000)
        var counts = [Int](repeating: 0, count: count)
        for value in finite { counts[min(max(bin(value) - first, 0), count - 1)] += 1 }
        return counts.enumerated().map {
            (Double(first + $0.offset) * width, Double(first + $0.offset + 1) * width, $0.element)
        }
    }
}
