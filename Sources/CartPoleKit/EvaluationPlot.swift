import Agent
import Foundation
import Render

/// `eval.png`: a histogram of an evaluation's returns with its mean, IQM and the reward threshold.
public enum EvaluationPlot {
    public static func figure(_ returns: [Double], summary: EvaluationSummary, environment: EnvironmentID) -> PlotFigure
    {
        // Returns are whole numbers from 0 to the time limit: bins of a round width that end at the limit.
        let maximum = Double(environment.maxEpisodeSteps)
        let width = AxisTicks.niceStep(maximum / 20)
        let bins = Statistics.histogram(returns, width: width, maximum: maximum).map {
            PlotBars.Bar(x0: $0.lower, x1: $0.upper, value: Double($0.count))
        }
        let panel = PlotPanel(
            title: String(
                format: "%d episodes: mean %.1f, IQM %.1f", summary.episodes, summary.mean.value,
                summary.interquartileMean.value),
            xLabel: "return (\(environment.maxEpisodeSteps) at most)", yLabel: "episodes", series: [],
            bars: [PlotBars("episodes", bins, colour: .blue)],
            references: [
                ReferenceLine(
                    String(format: "threshold %g", environment.rewardThreshold), environment.rewardThreshold,
                    colour: .red, vertical: true)
            ],
            emptyMessage: "no episode", showsLegend: true, xRange: 0...(maximum + width / 2))
        return PlotFigure(panels: [panel])
    }

    public static func write(_ returns: [Double], summary: EvaluationSummary, environment: EnvironmentID, to url: URL)
        throws
    {
        try figure(returns, summary: summary, environment: environment).render(width: 900, height: 500).writePNG(
            to: url)
    }
}
