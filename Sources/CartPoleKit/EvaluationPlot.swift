import Agent
import Foundation
import Render

/// `eval.png`: a histogram of an evaluation's returns split by how the episodes ended (the pole fell or
/// the cart left the track, in bins of whole returns; cut at the time limit, a bar of its own beyond
/// them), counts from 0, with the reward threshold; the title names the agent, the environment, epsilon
/// and the IQM with its interval.
package enum EvaluationPlot {
    package static func figure(
        _ episodes: [Evaluation.Episode], summary: EvaluationSummary, environment: EnvironmentID, agent: String,
        epsilon: Double
    ) -> PlotFigure {
        // Returns are whole numbers from 0 to the time limit: bins of a round width, from 0, below the limit.
        let limit = Double(environment.maxEpisodeSteps)
        let width = AxisTicks.niceStep(limit / 20)
        let ended = episodes.filter { $0.ending == .terminated }.map(\.returnValue)
        let cut = episodes.filter { $0.ending == .truncated }.count
        let bins = Statistics.histogram(ended, width: width, maximum: limit).map {
            PlotBars.Bar(x0: $0.lower, x1: $0.upper, value: Double($0.count))
        }
        let timeLimit = PlotBars.Bar(x0: limit + width / 2, x1: limit + 3 * width / 2, value: Double(cut))
        let highest = max(bins.map(\.value).max() ?? 0, Double(cut), 1)
        let iqm = summary.interquartileMean
        let interval =
            episodes.count < 2
            ? "1 episode: no interval" : String(format: "[%.1f, %.1f]", iqm.lower, iqm.upper)
        let panel = PlotPanel(
            title: String(
                format: "%@ on %@, epsilon %g: %d episodes, IQM %.1f %@", agent, environment.rawValue, epsilon,
                summary.episodes, iqm.value, interval),
            xLabel: "return (\(environment.maxEpisodeSteps) at most)", yLabel: "episodes", series: [],
            bars: [
                PlotBars("pole fell or cart left the track (\(ended.count))", bins, colour: .orange),
                PlotBars("time limit, \(environment.maxEpisodeSteps) steps (\(cut))", [timeLimit], colour: .blue),
            ],
            references: [
                ReferenceLine(
                    String(format: "threshold %g", environment.rewardThreshold), environment.rewardThreshold,
                    colour: .red, vertical: true)
            ],
            emptyMessage: "no episode", showsLegend: true, xRange: 0...(limit + 2 * width),
            yRange: 0...(highest * 1.15))
        return PlotFigure(panels: [panel], legendBelow: true)
    }

    /// The histogram's size unless one is asked for.
    package static let defaultSize = FigureSize.pixels(width: 900, height: 500)
}
