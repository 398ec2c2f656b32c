import CCairo
import Foundation

/// Bars from a baseline of 0, each spanning [x0, x1] on the x axis (a histogram's bins, or categories),
/// with an optional interval drawn as an error bar.
package struct PlotBars: Sendable {
    package struct Bar: Sendable {
        package var x0: Double, x1: Double, value: Double
        package var interval: ClosedRange<Double>?
        package init(x0: Double, x1: Double, value: Double, interval: ClosedRange<Double>? = nil) {
            self.x0 = x0
            self.x1 = x1
            self.value = value
            self.interval = interval
        }
    }

    package var label: String
    package var bars: [Bar]
    package var colour: Colour
    package init(_ label: String, _ bars: [Bar], colour: Colour) {
        self.label = label
        self.bars = bars
        self.colour = colour
    }
}
