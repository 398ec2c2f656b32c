import CCairo

/// The Q-strip under an episode's scene: Q(left) and Q(right) over the steps so far, the chosen action's
/// value at the current step marked with a dot, drawn by the plotting layer into the bottom of the frame,
/// with a legend. Its axes are the whole episode's (steps and Q range), so they stay still as it plays.
struct QStrip {
    /// The share of the frame's height the strip takes.
    static let share = 0.3
    /// The whole episode's steps and Q-values, when known in advance.
    let scale: EpisodeRecorder.QScale?
    private(set) var left: [Double] = []
    private(set) var right: [Double] = []
    private(set) var chosen: [Double] = []

    /// Adds the Q-values of the current state and the action taken there (nil at the episode's end).
    mutating func record(_ q: (left: Float, right: Float), action: Int?) {
        left.append(Double(q.left))
        right.append(Double(q.right))
        // Only the current step's chosen value is shown: earlier ones become gaps, so it is drawn as a dot.
        if !chosen.isEmpty { chosen[chosen.count - 1] = .nan }
        chosen.append(action.map { $0 == 1 ? Double(q.right) : Double(q.left) } ?? .nan)
    }

    /// Draws the strip into the region (0, top) to (width, height) of the context.
    func draw(on cr: OpaquePointer, top: Double, width: Double, height: Double) {
        cairo_save(cr)
        cairo_rectangle(cr, 0, top, width, height - top)
        cairo_clip(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let panel = PlotPanel(
            title: "", xLabel: "step",
            series: [
                PlotSeries("Q(left)", left, x: left.indices.map(Double.init), colour: .blue, lineWidth: 2),
                PlotSeries("Q(right)", right, x: right.indices.map(Double.init), colour: .orange, lineWidth: 2),
                PlotSeries("chosen action", chosen, x: chosen.indices.map(Double.init), colour: .red, lineWidth: 2),
            ], emptyMessage: "", showsLegend: true, wholeX: true,
            xRange: scale.map { 0...Double(max($0.steps, 1)) }, yRange: scale.map(\.padded))
        // The panel's margins are in units of its figure size: a strip's height sets them, with text no
        // smaller than about 9 pixels.
        let unit = max(0.75, min(1, (height - top) / 250))
        panel.draw(
            on: cr, in: PlotRect(x: 0, y: top - 30 * unit, width: width, height: height - top + 30 * unit), unit: unit)
        cairo_restore(cr)
    }
}
