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
}
