import Agent
import Testing

/// Statistics against samples small enough to work out by hand.
@Suite struct StatisticsTests {
    /// The profile's band, counted by rank, is what resampling the scores themselves gives, draw for draw.
    @Test func aProfilesBandIsThePercentileBootstrapOfItsFractions() {
        let scores: [Double] = [12, 200, 55, 200, 130, 87, 200, 9, 160, 41]
        let taus: [Double] = [0, 50, 100, 150, 199]
        var generator = SplitMix64(seed: 7)
        let band = Statistics.performanceProfileBand(scores, thresholds: taus, resamples: 300, using: &generator)
        let sorted = scores.sorted()
        var replay = SplitMix64(seed: 7)
        var draws = [[Double]](repeating: [], count: taus.count)
        for _ in 0..<300 {
            let sample = (0..<scores.count).map { _ in sorted[replay.nextIndex(below: scores.count)] }
            for (t, tau) in taus.enumerated() {
                draws[t].append(Double(sample.filter { $0 > tau }.count) / Double(scores.count))
            }
        }
        #expect(band.lower == draws.map { Statistics.quantile($0.sorted(), 0.025) })
        #expect(band.upper == draws.map { Statistics.quantile($0.sorted(), 0.975) })
        let profile = Statistics.performanceProfile(scores, thresholds: taus)
        #expect(zip(zip(band.lower, band.upper), profile).allSatisfy { $0.0 <= $1 && $1 <= $0.1 })
        var same = SplitMix64(seed: 1)
        let equal = Statistics.performanceProfileBand([5, 5, 5], thresholds: [4, 6], using: &same)
        #expect(equal.lower == [1, 0] && equal.upper == [1, 0])
    }

    /// Whole returns up to the time limit: round bins from 0, the limit inside the top bin.
    @Test func aHistogramOfReturnsEndsAtTheLimit() {
        let bins = Statistics.histogram([200, 200, 195, 9, 10, 0], width: 10, maximum: 200)
        #expect(bins.first?.lower == 0 && bins.last?.upper == 200 && bins.count == 20)
        #expect(bins.last?.count == 3, "195 and both 200s in [190, 200]")
        #expect(bins[0].count == 2 && bins[1].count == 1)
        let equal = Statistics.histogram([200, 200], width: 10, maximum: 200)
        #expect(equal.count == 1 && equal[0].lower == 190 && equal[0].count == 2)
        #expect(Statistics.histogram([.nan], width: 10, maximum: 200).isEmpty)
    }

    @Test func summaryStatisticsOfAKnownSample() {
        let sample: [Double] = [8, 1, 7, 2, 6, 3, 5, 4]
        #expect(Statistics.mean(sample) == 4.5)
        #expect(Statistics.median(sample) == 4.5)
        // Sum of squared deviations 42, over n - 1 = 7.
        #expect(abs(Statistics.standardDeviation(sample) - (6.0).squareRoot()) < 1e-12)
        // Two values cut from each end: the mean of 3, 4, 5, 6.
        #expect(Statistics.interquartileMean(sample) == 4.5)
        // Ten values: Int(2.5) = 2 cut from each end, the mean of the middle six.
        #expect(Statistics.interquartileMean([100, 0, 1, 2, 3, 4, 5, 6, 7, -50]) == (1 + 2 + 3 + 4 + 5 + 6) / 6.0)
        // The IQM ignores outliers that the mean does not.
        #expect(Statistics.interquartileMean([10, 10, 10, 10, 1000, -1000, 10, 10]) == 10)
        #expect(Statistics.quantile([0, 10], 0.25) == 2.5)
        #expect(Statistics.quantile([1, 2, 3, 4, 5], 0.5) == 3)
    }

    /// For {0, 1} the mean of a resample of two is 0, ½ or 1 with probabilities ¼, ½, ¼: the 2.5% and 97.5%
    /// quantiles of many resamples are 0 and 1.
    @Test func theBootstrapIntervalOfATwoPointSample() {
        var generator = SplitMix64(seed: 1)
        let estimate = Statistics.bootstrap([0, 1], resamples: 20000, using: &generator, statistic: Statistics.mean)
        #expect(estimate.value == 0.5)
        #expect(estimate.lower == 0 && estimate.upper == 1)
        // At level 0.4 the interval is the middle 40%, all of which is ½.
        var again = SplitMix64(seed: 1)
        let narrow = Statistics.bootstrap(
            [0, 1], level: 0.4, resamples: 20000, using: &again, statistic: Statistics.mean)
        #expect(narrow.lower == 0.5 && narrow.upper == 0.5)
    }

    @Test func bootstrapsAreSeededAndCoverTheEstimate() {
        let returns: [Double] = [200, 200, 187, 200, 95, 200, 200, 164, 200, 200, 132, 200]
        var a = SplitMix64(seed: 9)
        var b = SplitMix64(seed: 9)
        let first = Statistics.bootstrap(returns, using: &a, statistic: Statistics.interquartileMean)
        let second = Statistics.bootstrap(returns, using: &b, statistic: Statistics.interquartileMean)
        #expect(first == second, "the same seed gives the same interval")
        #expect(first.lower <= first.value && first.value <= first.upper)
        #expect(first.lower < first.upper)
        var c = SplitMix64(seed: 3)
        let constant = Statistics.bootstrap([7, 7, 7], using: &c, statistic: Statistics.mean)
        #expect(constant == Statistics.Estimate(value: 7, lower: 7, upper: 7))
    }

    /// The counting IQM bootstrap is the sorting one, draw for draw and bit for bit, ties and tiny samples included.
    @Test func theLinearIQMBootstrapIsTheSortingOneBitForBit() {
        var source = SplitMix64(seed: 3)
        for n in [1, 2, 3, 4, 5, 7, 10, 33, 100] {
            for distinct in [1, 3, 1000] {
                let values = (0..<n).map { _ in Double(source.nextIndex(below: distinct)) * 0.7 + 0.1 }
                var a = SplitMix64(seed: UInt64(n))
                var b = SplitMix64(seed: UInt64(n))
                let sorting = Statistics.bootstrap(
                    values, resamples: 500, using: &a, statistic: Statistics.interquartileMean)
                let counting = Statistics.bootstrapInterquartileMean(values, resamples: 500, using: &b)
                #expect(sorting == counting, "n \(n), \(distinct) distinct values")
                #expect(a.next() == b.next(), "the same draws")
            }
        }
    }

    @Test func thePerformanceProfileCountsScoresAboveEachThreshold() {
        let profile = Statistics.performanceProfile([10, 20, 30, 40], thresholds: [0, 10, 25, 40])
        #expect(profile == [1, 0.75, 0.5, 0])
    }
}
