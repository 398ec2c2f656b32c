import CCairo
import Foundation

/// One chart: title, axes with round ticks and a light grid, its lines, bars and reference lines, an
/// optional legend.
public struct PlotPanel: Sendable {
    public var title: String
    public var xLabel: String
    public var series: [PlotSeries]
    public var bars: [PlotBars]
    /// A grid of coloured cells under the lines, with its colour bar at the right.
    public var heatmap: PlotHeatmap?
    public var references: [ReferenceLine]
    /// Labels at given x positions instead of numeric ticks (for bars that stand for categories).
    public var xTickLabels: [(x: Double, label: String)]?
    /// Shown instead of axes when no series has a finite value.
    public var emptyMessage: String
    public var showsLegend: Bool
    /// Where the legend goes: where the data leaves room.
    public var legendCorner: LegendCorner
    /// Use a logarithmic y axis when the positive data spans more than three decades.
    public var allowsLogScale: Bool

    public init(
        title: String, xLabel: String, series: [PlotSeries], bars: [PlotBars] = [], heatmap: PlotHeatmap? = nil,
        references: [ReferenceLine] = [],
        xTickLabels: [(x: Double, label: String)]? = nil, emptyMessage: String = "no data yet",
        showsLegend: Bool = false, legendCorner: LegendCorner = .lowerRight, allowsLogScale: Bool = false
    ) {
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.bars = bars
        self.heatmap = heatmap
        self.references = references
        self.xTickLabels = xTickLabels
        self.emptyMessage = emptyMessage
        self.showsLegend = showsLegend
        self.legendCorner = legendCorner
        self.allowsLogScale = allowsLogScale
    }

    public enum LegendCorner: Sendable { case lowerRight, upperLeft, lowerLeft }
}
