import CCairo

/// The Q-strip under an episode's scene: Q(left) and Q(right) over the steps so far, the value of the action
/// taken now marked with a dot, and under them a band of the action taken at every step (blue left,
/// orange right), drawn by the plotting layer into the bottom of the frame. For a dueling network it is two
/// strips, the state value V(s) over the advantages A(s, left) and A(s, right) (Q = V + A), each on its own
/// axis, since the advantages are a small fraction of the value. Its axes are the episode's (steps up to
/// the time limit, the episode's ranges) and each legend is one row at its top, so nothing moves as it plays.
/// For a categorical network, each action's line has a band from the 10% to the 90% quantile of its return
/// distribution: how sure the network is of it.
package struct QStrip {
    /// The share of the frame's height the strip takes: more for a dueling network's two strips.
    var share: Double { value.isEmpty ? 0.3 : 0.4 }
    /// The time limit and the whole episode's Q-values, when known in advance.
    let scale: EpisodeRecorder.QScale?
    private(set) var left: [Double] = []
    private(set) var right: [Double] = []
    /// The action taken at each step (0 left, 1 right; nil at the episode's end).
    private(set) var actions: [Int?] = []
    /// A dueling network's V(s) and A(s, left), A(s, right) at each step; empty for any other network.
    private(set) var value: [Double] = []
    private(set) var advantageLeft: [Double] = []
    private(set) var advantageRight: [Double] = []
    /// A categorical network's quantiles (`bandQuantiles`) of each action's return at each step, left then
    /// right; empty for any other network.
    private(set) var bands: [[Double]] = [[], [], [], []]

    /// The quantiles a categorical network's bands run between.
    package static let bandQuantiles: [Float] = [0.1, 0.9]

    /// Adds the Q-values of the current state and the action taken there (nil at the episode's end), and a
    /// dueling network's streams (given at every step or at none).
    mutating func record(
        _ q: (left: Float, right: Float), action: Int?,
        streams: (value: Float, advantages: (left: Float, right: Float))? = nil,
        distributions: ActionDistributions? = nil
    ) {
        left.append(Double(q.left))
        right.append(Double(q.right))
        actions.append(action)
        if let streams {
            value.append(Double(streams.value))
            advantageLeft.append(Double(streams.advantages.left))
            advantageRight.append(Double(streams.advantages.right))
        }
        if let distributions {
            for action in 0..<2 {
                for (i, p) in Self.bandQuantiles.enumerated() {
                    bands[action * 2 + i].append(Double(distributions.quantile(p, of: action)))
                }
            }
        }
    }

    /// Action `action`'s band, when the network is categorical.
    private func band(_ action: Int) -> PlotBand? {
        bands[action * 2].isEmpty ? nil : PlotBand(lower: bands[action * 2], upper: bands[action * 2 + 1])
    }

    /// The colour of each action, as the heads-up display's bars have them.
    static let actionColours: [Colour] = [.blue, .orange]

    /// Draws the strip into the region (0, top) to (width, height) of the context; text is at least 11
    /// pixels high.
    func draw(on cr: OpaquePointer, top: Double, width: Double, height: Double) {
        cairo_save(cr)
        cairo_rectangle(cr, 0, top, width, height - top)
        cairo_clip(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let steps = scale.map { max($0.steps, 1) } ?? max(left.count - 1, 1)
        let x = left.indices.map(Double.init)
        /// The value of the action taken now, at the last step only (drawn as a dot).
        func now(_ leftValues: [Double], _ rightValues: [Double]) -> [Double] {
            guard let step = leftValues.indices.last else { return [] }
            var values = [Double](repeating: .nan, count: leftValues.count)
            if let action = actions[step] { values[step] = action == 1 ? rightValues[step] : leftValues[step] }
            return values
        }
        let actionTaken: (String, Colour, LegendMark) = ("action taken (band)", Colour(0.45, 0.45, 0.45), .swatch)
        let nowMark: (String, Colour, LegendMark) = ("now", .red, .dot)
        if value.isEmpty {
            let unit = max(11.0 / 12, min(1.25, (height - top) / 150))
            drawPanel(
                cr,
                series: [
                    PlotSeries("Q(left)", left, x: x, band: band(0), colour: Self.actionColours[0], lineWidth: 2),
                    PlotSeries("Q(right)", right, x: x, band: band(1), colour: Self.actionColours[1], lineWidth: 2),
                    PlotSeries("action taken now", now(left, right), x: x, colour: .red, lineWidth: 2),
                ], yLabel: "Q-value", yRange: scale.map(\.padded),
                legend: [
                    (
                        band(0) == nil ? "Q(left)" : "Q(left), 10-90%", Self.actionColours[0],
                        .line(band: band(0) != nil)
                    ),
                    (
                        band(1) == nil ? "Q(right)" : "Q(right), 10-90%", Self.actionColours[1],
                        .line(band: band(1) != nil)
                    ),
                    nowMark, actionTaken,
                ], actions: true, steps: steps, top: top, bottom: height, width: width, unit: unit)
        } else {
            let middle = ((top + height) / 2).rounded()
            let unit = max(11.0 / 12, min(1.25, (middle - top) / 120))
            drawPanel(
                cr, series: [PlotSeries("V(s)", value, x: x, colour: Colour(0.2, 0.2, 0.2), lineWidth: 2)],
                yLabel: "V(s)", yRange: scale.map(\.padded),
                legend: [("V(s), the state's value (Q = V + A)", Colour(0.2, 0.2, 0.2), .line(band: false))],
                actions: false, steps: steps, top: top, bottom: middle, width: width, unit: unit)
            drawPanel(
                cr,
                series: [
                    PlotSeries("A(s, left)", advantageLeft, x: x, colour: Self.actionColours[0], lineWidth: 2),
                    PlotSeries("A(s, right)", advantageRight, x: x, colour: Self.actionColours[1], lineWidth: 2),
                    PlotSeries(
                        "action taken now", now(advantageLeft, advantageRight), x: x, colour: .red, lineWidth: 2),
                ], yLabel: "A(s, a)", yRange: scale?.advantages.map(EpisodeRecorder.QScale.padded),
                legend: [
                    ("A(s, left)", Self.actionColours[0], .line(band: false)),
                    ("A(s, right)", Self.actionColours[1], .line(band: false)), nowMark, actionTaken,
                ], actions: true, steps: steps, top: middle, bottom: height, width: width, unit: unit)
        }
        cairo_restore(cr)
    }

    /// One strip between `top` and `bottom`: the legend's row at the top, the data under it, the step ticks
    /// at the bottom (the panel's own title and x label fall outside it), and with `actions` the band of
    /// actions taken.
    private func drawPanel(
        _ cr: OpaquePointer, series: [PlotSeries], yLabel: String, yRange: ClosedRange<Double>?,
        legend: [(String, Colour, LegendMark)], actions: Bool, steps: Int, top: Double, bottom: Double,
        width: Double, unit: Double
    ) {
        cairo_save(cr)
        cairo_rectangle(cr, 0, top, width, bottom - top)
        cairo_clip(cr)
        let panel = PlotPanel(
            title: "", xLabel: "", yLabel: yLabel, series: series, emptyMessage: "", wholeX: true,
            xRange: 0...Double(steps), yRange: yRange)
        let legendHeight = 16 * unit
        let areaTop = top + legendHeight + 4 * unit
        let areaBottom = bottom - 19 * unit
        let rect = PlotRect(x: 0, y: areaTop - 38 * unit, width: width, height: areaBottom - areaTop + 90 * unit)
        panel.draw(on: cr, in: rect, unit: unit)
        if let area = panel.dataArea(cr, in: rect, unit: unit) {
            if actions { drawActions(cr, area: area, steps: steps, unit: unit) }
            drawLegend(
                cr, legend, x: area.x, y: top + legendHeight / 2 + 2 * unit, right: width - 4 * unit, unit: unit)
        }
        cairo_restore(cr)
    }

    /// The action taken at each step so far, a band of its colour along the bottom of the data area.
    private func drawActions(_ cr: OpaquePointer, area: PlotRect, steps: Int, unit: Double) {
        let band = 5 * unit
        for (step, action) in actions.enumerated() {
            guard let action else { continue }
            let x0 = area.x + Double(step) / Double(steps) * area.width
            let x1 = area.x + Double(step + 1) / Double(steps) * area.width
            let colour = Self.actionColours[action]
            cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
            cairo_rectangle(cr, x0, area.bottom - band, max(x1 - x0, 1), band)
            cairo_fill(cr)
        }
    }

    /// One row: what each line, the dot and the band are, and the x axis's meaning at the right.
    private func drawLegend(
        _ cr: OpaquePointer, _ entries: [(String, Colour, LegendMark)], x: Double, y: Double, right: Double,
        unit: Double
    ) {
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 12 * unit)
        var left = x
        for (label, colour, mark) in entries {
            mark.draw(cr, colour: colour, x: left, centreY: y, unit: unit)
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15)
            cairo_move_to(cr, left + 30 * unit, y + 4 * unit)
            cairo_show_text(cr, label)
            left += 30 * unit + textWidth(cr, label) + 14 * unit
        }
        let axis = "x: step"
        if textWidth(cr, axis) + 8 * unit < right - left {
            showText(cr, axis, rightX: right, baseline: y + 4 * unit)
        }
    }
}
