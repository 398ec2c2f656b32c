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
}

/// One line of a panel: y values at x = 1, 2, 3, ...
public struct PlotSeries: Sendable {
    public var label: String
    public var values: [Double]
    public var colour: Colour
    public var lineWidth: Double

    public init(_ label: String, _ values: [Double], colour: Colour, lineWidth: Double = 1.2) {
        self.label = label
        self.values = values
        self.colour = colour
        self.lineWidth = lineWidth
    }
}

/// A horizontal reference line (e.g. the environment's reward threshold), dashed.
public struct ReferenceLine: Sendable {
    public var label: String
    public var value: Double
    public var colour: Colour

    public init(_ label: String, _ value: Double, colour: Colour) {
        self.label = label
        self.value = value
        self.colour = colour
    }
}

/// One chart: title, axes with round ticks and a light grid, its lines, an optional legend.
public struct PlotPanel: Sendable {
    public var title: String
    public var xLabel: String
    public var series: [PlotSeries]
    public var references: [ReferenceLine]
    /// Shown instead of axes when no series has a finite value.
    public var emptyMessage: String
    public var showsLegend: Bool
    /// Use a logarithmic y axis when the positive data spans more than three decades.
    public var allowsLogScale: Bool

    public init(title: String, xLabel: String, series: [PlotSeries], references: [ReferenceLine] = [],
                emptyMessage: String = "no data yet", showsLegend: Bool = false, allowsLogScale: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.series = series
        self.references = references
        self.emptyMessage = emptyMessage
        self.showsLegend = showsLegend
        self.allowsLogScale = allowsLogScale
    }
}
