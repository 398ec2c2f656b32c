import Agent
import Foundation
import OutputFiles
import Render

/// The files of a comparison: compare.csv (one row per run), compare.md (one row per variant) and
/// compare.png (curves with bands, final scores with intervals, performance profile), drawn with the same
/// plotting layer as training.png.
public struct CompareOutputs {
    public let comparison: RunComparison
    public let environment: EnvironmentID

    public init(comparison: RunComparison, environment: EnvironmentID) {
        self.comparison = comparison
        self.environment = environment
    }

    public func write(into folder: URL) throws {
        try AtomicFile.write(Data(csv.utf8), to: folder.appendingPathComponent("compare.csv"))
        try AtomicFile.write(Data((markdown + "\n").utf8), to: folder.appendingPathComponent("compare.md"))
        try figure.render(width: 2400, height: 600).writePNG(to: folder.appendingPathComponent("compare.png"))
    }

    public var csv: String {
        var text = "variant,seed,frames_to_threshold,final_eval_mean,best_eval_mean,train_seconds\n"
        for run in comparison.runs {
            text +=
                "\(TextCell.csv(run.variant)),\(run.seed),\(run.framesToThreshold(comparison.threshold).map(String.init) ?? ""),"
            text += "\(run.finalMean),\(run.bestMean),\(run.trainingSeconds.map { String(format: "%.2f", $0) } ?? "")\n"
        }
        return text
    }

    public var markdown: String {
        let threshold = String(format: "%g", comparison.threshold)
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        func estimate(_ e: Statistics.Estimate) -> String {
            "\(number(e.value)) [\(number(e.lower)), \(number(e.upper))]"
        }
        var lines = [
            "| variant | runs | IQM [95% CI] | median | mean [95% CI] | runs reaching \(threshold) | frames to \(threshold) (median) |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        for v in comparison.variants {
            lines.append(
                "| \(TextCell.markdown(v.name)) | \(v.runs) | \(estimate(v.interquartileMean)) | \(number(v.median)) | \(estimate(v.mean)) | "
                    + "\(v.reached) of \(v.runs) | \(v.medianFramesToThreshold.map { String(format: "%.0f", $0) } ?? "-") |"
            )
        }
        return lines.joined(separator: "\n")
    }

    var figure: PlotFigure {
        let colours = Colour.cycle
        let threshold = ReferenceLine(
            String(format: "threshold %g", comparison.threshold), comparison.threshold, colour: .red)
        let curves = comparison.variants.enumerated().map { i, v in
            PlotSeries(
                v.name, v.curve.map(\.value), x: v.frames.map(Double.init),
                band: PlotBand(lower: v.curve.map(\.lower), upper: v.curve.map(\.upper)),
                colour: colours[i % colours.count], lineWidth: 2)
        }
        // Three bars per variant, in its colour: IQM and mean with their intervals, the median between them.
        var groups: [PlotBars] = []
        var labels: [(x: Double, label: String)] = []
        for (i, v) in comparison.variants.enumerated() {
            let x = Double(i) * 4
            groups.append(
                PlotBars(
                    v.name,
                    [
                        .init(
                            x0: x, x1: x + 1, value: v.interquartileMean.value, interval: interval(v.interquartileMean)),
                        .init(x0: x + 1, x1: x + 2, value: v.median),
                        .init(x0: x + 2, x1: x + 3, value: v.mean.value, interval: interval(v.mean)),
                    ], colour: colours[i % colours.count]))
            labels += [(x + 0.5, "IQM"), (x + 1.5, "median"), (x + 2.5, "mean")]
        }
        let taus = stride(
            from: 0.0, through: Double(environment.maxEpisodeSteps), by: Double(environment.maxEpisodeSteps) / 100
        ).map { $0 }
        let profiles = comparison.performanceProfile(thresholds: taus).enumerated().map { i, profile in
            PlotSeries(profile.variant, profile.fractions, x: taus, colour: colours[i % colours.count], lineWidth: 2)
        }
        let runs = comparison.variants.map(\.runs).max() ?? 0
        return PlotFigure(panels: [
            PlotPanel(
                title: "evaluation return: IQM over \(runs) runs, 95% CI", xLabel: "frame", series: curves,
                references: [threshold],
                showsLegend: true),
            PlotPanel(
                title: "final evaluation per variant (colours as left), 95% CI", xLabel: "statistic over runs",
                series: [],
                bars: groups, references: [threshold], xTickLabels: labels),
            PlotPanel(
                title: "performance profile", xLabel: "final evaluation mean τ (fraction of runs above τ)",
                series: profiles,
                references: [ReferenceLine(threshold.label, comparison.threshold, colour: .red, vertical: true)],
                showsLegend: true, legendCorner: .lowerLeft),
        ])
    }

    private func interval(_ e: Statistics.Estimate) -> ClosedRange<Double>? {
        e.lower.isFinite && e.upper.isFinite && e.lower <= e.upper ? e.lower...e.upper : nil
    }
}
