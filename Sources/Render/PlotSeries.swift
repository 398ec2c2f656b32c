import CCairo
import Foundation

/// One line of a panel: y values at x = 1, 2, 3, ... or at the given x values (ascending), with an
/// optional shaded band around it (a confidence interval, or a min-to-max range).
package struct PlotSeries: Sendable {
    /// Its name in the legend; empty for a line the legend leaves out (one run among many, say).
    package var label: String
    package var values: [Double]
    package var x: [Double]?
    package var band: PlotBand?
    package var colour: Colour
    package var lineWidth: Double

    package init(
        _ label: String, _ values: [Double], x: [Double]? = nil, band: PlotBand? = nil, colour: Colour,
        lineWidth: Double = 1.2
    ) {
        precondition(x.map { $0.count == values.count } ?? true, "one x per value")
        precondition(
            band.map { $0.lower.count == values.count && $0.upper.count == values.count } ?? true,
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
