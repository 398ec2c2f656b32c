import Agent
import Testing

@Suite struct RunComparisonTests {
    func run(_ variant: String, _ seed: UInt64, _ means: [Double]) -> RunComparison.Run {
        RunComparison.Run(
            variant: variant, seed: seed,
            points: means.enumerated().map { i, mean in
                EvaluationPoint(frame: (i + 1) * 100, returns: [mean, mean], lengths: [Int(mean), Int(mean)])
            })
    }

    @Test func perRunAndPerVariantFiguresOfAKnownSet() {
        let runs = [
            run("a", 1, [50, 195, 200]), run("a", 2, [20, 100, 150]), run("a", 3, [200, 200, 200]),
            run("a", 4, [10, 10, 90]),
            run("b", 1, [195, 196, 197]),
        ]
        let comparison = RunComparison(runs: runs, order: ["b", "a", "absent"], threshold: 195)
        #expect(comparison.variants.map(\.name) == ["b", "a"], "the given order, variants without runs left out")
        #expect(
            runs[0].framesToThreshold(195) == 200 && runs[1].framesToThreshold(195) == nil
                && runs[2].framesToThreshold(195) == 100)
        #expect(runs[1].finalMean == 150 && runs[1].bestMean == 150 && runs[0].bestMean == 200)
        let a = comparison.variants[1]
        // Finals 200, 150, 200, 90: IQM cuts one from each end (mean of 150 and 200), the median is 175.
        #expect(a.runs == 4 && a.interquartileMean.value == 175 && a.median == 175 && a.mean.value == 160)
        #expect(a.reached == 2 && a.medianFramesToThreshold == 150)
        #expect(a.frames == [100, 200, 300])
        // At frame 100 the means are 50, 20, 200, 10: IQM 35.
        #expect(a.curve[0].value == 35)
        #expect(a.curve.allSatisfy { $0.lower <= $0.value && $0.value <= $0.upper })
        let profile = comparison.performanceProfile(thresholds: [0, 100, 199])
        #expect(profile.map(\.variant) == ["b", "a"])
        #expect(profile[1].fractions == [1, 0.75, 0.5] && profile[0].fractions == [1, 1, 0])
    }

    /// An interval depends only on the runs it summarises: the same five runs give the same intervals
    /// alone, under another label, in another order, and beside other variants in either order.
    @Test func intervalsAreAFunctionOfTheRunsAlone() {
        let finals: [[Double]] = [
            [120, 180, 200], [30, 90, 118.6], [200, 200, 200], [60, 150, 199], [10, 40, 163.2],
        ]
        let five = finals.enumerated().map { run("x", UInt64($0.offset + 1), $0.element) }
        let others = (1...7).map { run("y", $0, [Double($0) * 20, Double($0) * 25, Double($0) * 28]) }
        func intervals(_ comparison: RunComparison, _ name: String) -> [Double] {
            let variant = comparison.variants.first { $0.name == name }!
            let band = comparison.performanceProfileBands(thresholds: [50, 150]).first { $0.variant == name }!
            return [
                variant.interquartileMean.lower, variant.interquartileMean.upper, variant.mean.lower,
                variant.mean.upper,
            ]
                + variant.curve.flatMap { [$0.lower, $0.upper] } + band.lower + band.upper
        }
        let alone = intervals(RunComparison(runs: five, order: ["x"], threshold: 195, resamples: 3000), "x")
        let relabelled = five.reversed().map { run in
            var copy = run
            copy.variant = "renamed"
            return copy
        }
        #expect(
            intervals(RunComparison(runs: relabelled, order: ["renamed"], threshold: 195, resamples: 3000), "renamed")
                == alone)
        #expect(
            intervals(RunComparison(runs: others + five, order: ["y", "x"], threshold: 195, resamples: 3000), "x")
                == alone)
        #expect(
            intervals(RunComparison(runs: five + others, order: ["x", "y"], threshold: 195, resamples: 3000), "x")
                == alone)
        // Other values give another generator: the seed is the data's.
        let changed = five.map { run in
            var copy = run
            copy.points[2].returns = copy.points[2].returns.map { $0 + 1 }
            return copy
        }
        #expect(intervals(RunComparison(runs: changed, order: ["x"], threshold: 195, resamples: 3000), "x") != alone)
    }

    /// "Reaching" is one event: the frame from which the evaluation stays at or above the threshold. A run
    /// that touched it and fell back is neither among the runs reaching it nor in the frames it took.
    @Test func reachingMeansStayingToTheEnd() {
        let touched = run("t", 1, [195, 120, 190])
        let regained = run("t", 2, [196, 100, 197, 200])
        #expect(touched.framesToThreshold(195) == nil)
        #expect(regained.framesToThreshold(195) == 300)
        let comparison = RunComparison(runs: [touched, run("t", 3, [199, 10, 20])], order: ["t"], threshold: 195)
        #expect(comparison.variants[0].reached == 0 && comparison.variants[0].medianFramesToThreshold == nil)
    }
}
