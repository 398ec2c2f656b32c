import CCairo
import Foundation

/// One chart: title, axes with round ticks, a light grid and labels (the y label rotated, as every plotting
/// library draws it), its bands, bars, interval rows, lines and reference lines, and an optional legend,
/// placed where it covers the fewest data points.
package struct PlotPanel: Sendable {
    package var title: String
    package var xLabel: String
    package var yLabel: String
    package var series: [PlotSeries]
    package var bars: [PlotBars]
    /// A grid of coloured cells under the lines, with its colour bar at the right.
    package var heatmap: PlotHeatmap?
    /// Interval estimates, one row per variant, named on the y axis (the panel then has no other y data).
    package var intervals: PlotIntervals?
    package var references: [ReferenceLine]
    /// Labels at given x positions instead of numeric ticks (for bars that stand for categories).
    package var xTickLabels: [(x: Double, label: String)]?
    /// Shown instead of axes when no series has a finite value.
    package var emptyMessage: String
    package var showsLegend: Bool
    /// The legend is drawn by the figure, under the panels (`PlotFigure.legendEntries`), not over the data.
    var legendOutside = false
    /// The axis labels are left out (their room kept): a figure of panels sharing axes shows them once.
    var showsXLabel = true, showsYLabel = true
    /// The panel's share of a row's width (of a column's height when the figure stacks its panels), against
    /// 1 for the others: a small strip for a quantity that matters less.
    var share = 1.0
    /// Use a logarithmic y axis when the positive data spans more than three decades.
    package var allowsLogScale: Bool
    /// The x values count things (episodes, returns): ticks fall on whole numbers.
    package var wholeX: Bool
    /// Fixed axis ranges, where the quantity has known bounds (a fraction, a return up to its maximum).
    package var xRange: ClosedRange<Double>?
    package var yRange: ClosedRange<Double>?

    package init(
        title: String, xLabel: String, yLabel: String = "", series: [PlotSeries], bars: [PlotBars] = [],
        heatmap: PlotHeatmap? = nil, intervals: PlotIntervals? = nil, references: [ReferenceLine] = [],
        xTickLabels: [(x: Double, label: String)]? = nil, emptyMessage: String = "no data yet",
        showsLegend: Bool = false, allowsLogScale: Bool = false, wholeX: Bool = false,
        xRange: ClosedRange<Double>? = nil, yRange: ClosedRange<Double>? = nil
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.intervals = intervals
        self.wholeX = wholeX
        self.xRange = xRange
        self.yRange = yRange
        self.series = series
        self.bars = bars
        self.heatmap = heatmap
        self.references = references
        self.xTickLabels = xTickLabels
        self.emptyMessage = emptyMessage
        self.showsLegend = showsLegend
        self.allowsLogScale = allowsLogScale
    }
}
