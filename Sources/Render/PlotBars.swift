import CCairo
import Foundation

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
