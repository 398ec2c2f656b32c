/// Interval estimates drawn as rliable draws them: one row per variant, named on the y axis, a
/// horizontal bar from the interval's lower to upper end with a tick at the point estimate.
public struct PlotIntervals: Sendable {
    public struct Row: Sendable {
        public var label: String
        public var value: Double
        public var interval: ClosedRange<Double>?
        public var colour: Colour
        public init(_ label: String, value: Double, interval: ClosedRange<Double>?, colour: Colour) {
            self.label = label
            self.value = value
            self.interval = interval
            self.colour = colour
        }
    }

    /// From the top row down.
    public var rows: [Row]
    public init(_ rows: [Row]) { self.rows = rows }
}
