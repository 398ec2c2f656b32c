/// Interval estimates drawn as rliable draws them: one row per variant, named on the y axis, a
/// horizontal bar from the interval's lower to upper end with a tick at the point estimate.
package struct PlotIntervals: Sendable {
    package struct Row: Sendable {
        package var label: String
        package var value: Double
        package var interval: ClosedRange<Double>?
        package var colour: Colour
        package init(_ label: String, value: Double, interval: ClosedRange<Double>?, colour: Colour) {
            self.label = label
            self.value = value
            self.interval = interval
            self.colour = colour
        }
    }

    /// From the top row down.
    package var rows: [Row]
    package init(_ rows: [Row]) { self.rows = rows }
}
