import CCairo
import Foundation

/// An RGB colour, components 0...1.
public struct Colour: Sendable, Equatable {
    public var red, green, blue: Double
    public init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    public static let blue = Colour(31 / 255, 119 / 255, 180 / 255)
    public static let orange = Colour(255 / 255, 127 / 255, 14 / 255)
    public static let red = Colour(214 / 255, 39 / 255, 40 / 255)
    /// matplotlib's default cycle, for one colour per variant.
    public static let cycle = [
        Colour.blue, .orange, Colour(44 / 255, 160 / 255, 44 / 255), .red,
        Colour(148 / 255, 103 / 255, 189 / 255), Colour(140 / 255, 86 / 255, 75 / 255),
        Colour(227 / 255, 119 / 255, 194 / 255), Colour(127 / 255, 127 / 255, 127 / 255),
    ]
}

/// One line of a panel: y values at x = 1, 2, 3, ... or at the given x values (ascending), with an
/// optional shaded band around it (a confidence interval, or a min-to-max range).
public struct PlotSeries: Sendable {
    public var label: String
    public var values: [Double]
    public var x: [Double]?
    public var band: PlotBand?
    public var colour: Colour
    public var lineWidth: Double

    public init(
        _ label: String, _ values: [Double], x: [Double]? = nil, band: PlotBand? = nil, colour: Colour,
        lineWidth: Double = 1.2
    ) {
        precondition(x == nil || x!.count == values.count, "one x per value")
        precondition(
            band == nil || (band!.lower.count == values.count && band!.upper.count == values.count),
            "one band bound per value")
        self.label = label
        self.values = values
        self.x = x
        self.band = band
        self.colour = colour
        self.lineWidth = lineWidth
    }

    /// The x of the value at `index`.
    func xValue(_ index: Int) -> Double { x?[index] ?? Double(index + 1) }
}

/// The lower and upper bounds of a band, one of each per value of its series.
public struct PlotBand: Sendable {
    public var lower: [Double]
    public var upper: [Double]
    public init(lower: [Double], upper: [Double]) {
        self.lower = lower
        self.upper = upper
    }
}

/// Bars from a baseline of 0, each spanning [x0, x1] on the x axis (a histogram's bins, or categories),
/// with an optional interval drawn as an error bar.
public struct PlotBars: Sendable {
    public struct Bar: Sendable {
        public var x0: Double, x1: Double, value: Double
        public var interval: ClosedRange<Double>?
        public init(x0: Double, x1: Double, value: Double, interval: ClosedRange<Double>? = nil) {
            self.x0 = x0
            self.x1 = x1
            self.value = value
            self.interval = interval
        }
    }

    public var label: String
    public var bars: [Bar]
    public var colour: Colour
    public init(_ label: String, _ bars: [Bar], colour: Colour) {
        self.label = label
        self.bars = bars
        self.colour = colour
    }
}

/// A reference line, dashed: horizontal at a y value (e.g. the environment's reward threshold), or vertical
/// at an x value.
public struct ReferenceLine: Sendable {
    public var label: String
    public var value: Double
    public var colour: Colour
    public var vertical: Bool

    public init(_ label: String, _ value: Double, colour: Colour, vertical: Bool = false) {
        self.label = label
        self.value = value
        self.colour = colour
        self.vertical = vertical
    }
}

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
