import Agent
import CartPoleKit
import Testing

/// The per-variant table says what its numbers are: a variant of one run shows its value without an
/// interval, and says so.
@Suite struct CompareOutputsTests {
    @Test func aVariantOfOneRunHasNoIntervalAndSaysSo() throws {
        func run(_ variant: String, _ seed: UInt64, _ mean: Double) -> RunComparison.Run {
            RunComparison.Run(
                variant: variant, seed: seed,
                points: [EvaluationPoint(frame: 1000, returns: [mean], lengths: [Int(mean)])])
        }
        let comparison = RunComparison(
            runs: [run("one", 1, 220.2), run("two", 1, 100), run("two", 2, 150)], order: ["one", "two"],
            threshold: 195, resamples: 500)
        let table = CompareOutputs(comparison: comparison, environment: .v1).markdown
        let lines = table.split(separator: "\n")
        #expect(lines[2].contains("220.2, 1 run: no interval") && !lines[2].contains("[220.2, 220.2]"), "\(table)")
        #expect(lines[3].contains("[") && !lines[3].contains("no interval"), "\(table)")
        #expect(lines[0].contains("frames to stay at 195 (median)"))
        // The figure says what it shows, and its two interval panels share one axis.
        let figure = CompareOutputs(comparison: comparison, environment: .v1).figure
        #expect(figure.caption?.hasPrefix("CartPole-v1, 1 to 2 runs per variant, 1000 frames;") == true)
        #expect(figure.panels[1].xRange != nil && figure.panels[1].xRange == figure.panels[2].xRange)
        // The profile spans the runs' scores and the threshold, not 0 to the time limit.
        let tau = try #require(figure.panels[3].xRange)
        #expect(tau.lowerBound > 50 && tau.lowerBound < 100 && tau.upperBound > 220.2 && tau.upperBound < 260)
        // With each run's curve: one unlabelled line a run under the IQM curves, none of them in the legend.
        let traced = CompareOutputs(comparison: comparison, environment: .v1, drawsRuns: true).figure
        #expect(traced.panels[0].series.count == 3 + 2 && traced.panels[0].series.prefix(3).allSatisfy(\.label.isEmpty))
        #expect(traced.caption?.hasSuffix("thin lines: each run's evaluation means") == true)
    }
}
