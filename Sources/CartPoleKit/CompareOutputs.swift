import Agent
import Foundation
import OutputFiles
import Render

/// The files of a comparison: compare.csv (one row per run), compare.md (one row per variant) and
/// compare.png (curves with bands, final scores with intervals, performance profile), drawn with the same
/// plotting layer as training.png.
package struct CompareOutputs {
    package let comparison: RunComparison
    package let environment: EnvironmentID
    /// Each run's evaluation curve drawn thin, in its variant's paler colour, under the IQM curves.
    package var drawsRuns = false

    package init(comparison: RunComparison, environment: EnvironmentID, drawsRuns: Bool = false) {
        self.comparison = comparison
        self.environment = environment
        self.drawsRuns = drawsRuns
    }

    /// compare.png's size unless one is asked for: two rows of two panels, which read at a report's width.
    package static let defaultSize = FigureSize.pixels(width: 1400, height: 900)

    /// Writes compare.csv, compare.md and the figure (compare.png, which the report shows, and the other
    /// formats `figures` asks for) into `folder`.
    package func write(into folder: URL, figures: FigureOutput = .png) throws {
        try AtomicFile.write(Data(csv.utf8), to: folder.appendingPathComponent("compare.csv"))
        try AtomicFile.write(Data((markdown + "\n").utf8), to: folder.appendingPathComponent("compare.md"))
        try figures.withPNG.write(figure, named: "compare", defaultSize: Self.defaultSize, into: folder)
    }

    package var csv: String {
        var text = "variant,seed,frames_to_threshold,final_eval_mean,best_eval_mean,train_seconds\n"
        for run in comparison.runs {
            text +=
                "\(TextCell.csv(run.variant)),\(run.seed),\(run.framesToThreshold(comparison.threshold).map(String.init) ?? ""),"
            text += "\(run.finalMean),\(run.bestMean),\(run.trainingSeconds.map { String(format: "%.2f", $0) } ?? "")\n"
        }
        return text
    }

    /// The per-variant table: its header and one row of cells per variant (raw text; each format escapes).
    var table: (header: [String], rows: [[String]]) {
        let threshold = String(format: "%g", comparison.threshold)
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        // One run has no spread to resample: its value, said so, rather than a zero-width interval.
        func estimate(_ e: Statistics.Estimate, runs: Int) -> String {
            runs < 2
                ? "\(number(e.value)), 1 run: no interval"
                : "\(number(e.value)) [\(number(e.lower)), \(number(e.upper))]"
        }
        let header = [
            "variant", "runs", "IQM [95% CI]", "median", "mean [95% CI]", "runs reaching \(threshold)",
            "frames to stay at \(threshold) (median)",
        ]
        let rows = comparison.variants.map { v in
            [
                v.name, "\(v.runs)", estimate(v.interquartileMean, runs: v.runs), number(v.median),
                estimate(v.mean, runs: v.runs),
                "\(v.reached) of \(v.runs)", v.medianFramesToThreshold.map { String(format: "%.0f", $0) } ?? "-",
            ]
        }
        return (header, rows)
    }

    package var markdown: String {
        let (header, rows) = table
        let lines =
            ["| " + header.joined(separator: " | ") + " |", "|" + String(repeating: " --- |", count: header.count)]
            + rows.map { "| " + $0.map(TextCell.markdown).joined(separator: " | ") + " |" }
        return lines.joined(separator: "\n")
    }

    /// Four panels, as rliable draws a comparison: the IQM curve of each variant with its 95% band, the
    /// final IQM and mean as interval estimates per variant, and the performance profile.
    package var figure: PlotFigure {
        // Each variant's colour follows its name, so it is the same in every comparison.
        let colours = Colour.keyed(comparison.variants.map(\.name))
        func colour(_ i: Int) -> Colour { colours[i] }
        let threshold = ReferenceLine(
            String(format: "threshold %g", comparison.threshold), comparison.threshold, colour: .red)
        let curves = comparison.variants.enumerated().map { i, v in
            PlotSeries(
                v.name, v.curve.map(\.value), x: v.frames.map(Double.init),
                band: PlotBand(lower: v.curve.map(\.lower), upper: v.curve.map(\.upper)), colour: colour(i),
                lineWidth: 2)
        }
        func estimates(_ statistic: (RunComparison.Variant) -> Statistics.Estimate) -> PlotIntervals {
            PlotIntervals(
                comparison.variants.enumerated().map { i, v in
                    PlotIntervals.Row(
                        v.name, value: statistic(v).value, interval: v.runs < 2 ? nil : interval(statistic(v)),
                        colour: colour(i))
                })
        }
        let traces =
            drawsRuns
            ? comparison.runs.compactMap { run -> PlotSeries? in
                guard let i = comparison.variants.firstIndex(where: { $0.name == run.variant }) else { return nil }
                return PlotSeries(
                    "", run.points.map(\.meanReturn), x: run.points.map { Double($0.frame) }, colour: colour(i).faded,
                    lineWidth: 0.8)
            } : []
        let verticalThreshold = ReferenceLine(threshold.label, comparison.threshold, colour: .red, vertical: true)
        // The IQM and mean panels share one x range, so their intervals can be compared across them.
        let ends =
            comparison.variants.flatMap { v in
                [v.interquartileMean.lower, v.interquartileMean.upper, v.mean.lower, v.mean.upper]
            }.filter(\.isFinite) + [comparison.threshold]
        let (low, high) = (ends.min() ?? 0, ends.max() ?? 1)
        let margin = max((high - low) * 0.05, 1)
        let sharedRange = (low - margin)...(high + margin)
        let limit = Double(environment.maxEpisodeSteps)
        // The profile spans the runs' scores (and the threshold) with a margin, where its steps are.
        let finals = comparison.runs.filter { !$0.points.isEmpty }.map(\.finalMean).filter(\.isFinite)
        let spanned = finals + [comparison.threshold]
        let pad = max(((spanned.max() ?? limit) - (spanned.min() ?? 0)) * 0.1, limit * 0.02)
        let tauRange = max(0, (spanned.min() ?? 0) - pad)...min(limit, (spanned.max() ?? limit) + pad)
        let taus = (0...100).map {
            tauRange.lowerBound + Double($0) / 100 * (tauRange.upperBound - tauRange.lowerBound)
        }
        let profiles = comparison.performanceProfileBands(thresholds: taus).enumerated().map { i, profile in
            PlotSeries(
                profile.variant, profile.fractions, x: taus, band: PlotBand(lower: profile.lower, upper: profile.upper),
                colour: colour(i), lineWidth: 2)
        }
        let counts = comparison.variants.map(\.runs)
        let runs =
            counts.min() == counts.max()
            ? "\(counts.first ?? 0) runs" : "\(counts.min() ?? 0) to \(counts.max() ?? 0) runs"
        let finalReturn = "final return"
        let lastFrame = comparison.variants.compactMap(\.frames.last).max()
        let caption =
            "\(environment.rawValue), \(runs) per variant\(lastFrame.map { ", \($0) frames" } ?? ""); "
            + "a run's score is its final evaluation's mean return (greedy episodes); "
            + "intervals: 95% stratified bootstrap over runs; threshold \(String(format: "%g", comparison.threshold))"
            + (drawsRuns ? "; thin lines: each run's evaluation means" : "")
        return PlotFigure(
            panels: [
                PlotPanel(
                    title: "IQM over runs", xLabel: "frame", yLabel: "evaluation return",
                    series: traces + curves,
                    references: [threshold], showsLegend: true),
                PlotPanel(
                    title: "IQM, 95% CI", xLabel: finalReturn, series: [],
                    intervals: estimates(\.interquartileMean), references: [verticalThreshold], xRange: sharedRange),
                PlotPanel(
                    title: "mean, 95% CI", xLabel: finalReturn, series: [], intervals: estimates(\.mean),
                    references: [verticalThreshold], xRange: sharedRange),
                PlotPanel(
                    title: "performance profile", xLabel: "τ (return)", yLabel: "runs > τ (fraction)",
                    series: profiles, references: [verticalThreshold], showsLegend: true,
                    // A little room beyond the fractions' bounds, so lines at 0 or 1 stay off the frame.
                    xRange: tauRange, yRange: -0.03...1.03),
            ], columns: 2, caption: caption, legendBelow: true)
    }

    private func interval(_ e: Statistics.Estimate) -> ClosedRange<Double>? {
        e.lower.isFinite && e.upper.isFinite && e.lower <= e.upper ? e.lower...e.upper : nil
    }
}
