import CCairo
import Foundation

/// The heads-up display drawn over a frame: episode, step, return, the action (or, on the last frame, how
/// the episode ended), the two Q-values as bars, and their difference as a bar centred at zero, which
/// shows the choice that two bars of nearly equal length cannot.
enum HeadsUpDisplay {
    static func draw(_ hud: HeadsUp, on cr: OpaquePointer, width: Double, height: Double) {
        let unit = min(width / 600, height / 400)
        let fontSize = 13 * unit
        let line = 17 * unit
        let left = 10 * unit
        cairo_save(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, fontSize)
        SceneColour.text.set(on: cr)
        let lines = [
            "episode \(hud.episode)   step \(hud.step)",
            "return \(String(format: "%g", hud.returnSoFar))",
        ]
        for (i, text) in lines.enumerated() {
            cairo_move_to(cr, left, line * Double(i + 1))
            cairo_show_text(cr, text)
        }
        cairo_move_to(cr, left, line * 3)
        if let ending = hud.ending {
            ending.colour.set(on: cr)
            cairo_show_text(cr, ending.label)
            SceneColour.text.set(on: cr)
        } else {
            let margin = abs(Double(hud.qValues.right) - Double(hud.qValues.left))
            let action = hud.action.map { $0 == 0 ? "← left" : "→ right" } ?? "—"
            cairo_show_text(cr, hud.action == nil ? "action —" : String(format: "action %@ (by %.3g)", action, margin))
        }
        // Q-value bars, scaled to the larger magnitude; the chosen action's bar is darker.
        let barTop = line * 3.6
        let barHeight = 9 * unit
        let barMax = 110 * unit
        let labelWidth = 52 * unit
        let largest = max(abs(hud.qValues.left), abs(hud.qValues.right), 1e-6)
        for (i, (label, value)) in [("Q left", hud.qValues.left), ("Q right", hud.qValues.right)].enumerated() {
            let y = barTop + Double(i) * (barHeight + 5 * unit)
            SceneColour.text.set(on: cr)
            cairo_move_to(cr, left, y + barHeight - 1 * unit)
            cairo_show_text(cr, label)
            let length = barMax * Double(abs(value) / largest)
            if hud.action == i {
                SceneColour.chosenBar.set(on: cr)
            } else {
                SceneColour.otherBar.set(on: cr)
            }
            cairo_rectangle(cr, left + labelWidth, y, length, barHeight)
            cairo_fill(cr)
            SceneColour.text.set(on: cr)
            cairo_move_to(cr, left + labelWidth + length + 4 * unit, y + barHeight - 1 * unit)
            cairo_show_text(cr, String(format: "%.2f", value))
        }
        drawAdvantage(
            hud, on: cr, top: barTop + 2 * (barHeight + 5 * unit), left: left, labelWidth: labelWidth,
            barMax: barMax, barHeight: barHeight, unit: unit)
        if let streams = hud.streams { drawStreams(streams, on: cr, right: width - left, line: line) }
        hud.distributions?.draw(on: cr, width: width, height: height, action: hud.action)
        cairo_restore(cr)
    }

    /// A dueling network's decomposition at the band's right: V(s), then each action's advantage, so that
    /// the two Q-values read as V + A (the state's worth, and how little the action changes it).
    static func drawStreams(
        _ streams: (value: Float, advantages: (left: Float, right: Float)), on cr: OpaquePointer, right: Double,
        line: Double
    ) {
        let lines = [
            String(format: "V(s) %.2f", streams.value),
            String(format: "A(s, left) %+.3g", streams.advantages.left),
            String(format: "A(s, right) %+.3g", streams.advantages.right),
            "Q = V + A",
        ]
        SceneColour.text.set(on: cr)
        for (i, text) in lines.enumerated() {
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, text, &extents)
            cairo_move_to(cr, right - extents.x_advance, line * Double(i + 1))
            cairo_show_text(cr, text)
        }
    }

    /// The choice itself: Q(right) − Q(left) as a bar from a zero line in the middle (right of it: right is
    /// preferred), on a logarithmic scale from 0.001 to the larger Q-value's magnitude, so that 0.01 shows
    /// as well as 10 beside values near 100. It stays inside the display's band (100 units), which each frame
    /// repaints.
    static func drawAdvantage(
        _ hud: HeadsUp, on cr: OpaquePointer, top y: Double, left: Double, labelWidth: Double, barMax: Double,
        barHeight: Double, unit: Double
    ) {
        let difference = Double(hud.qValues.right) - Double(hud.qValues.left)
        let largest = max(Double(abs(hud.qValues.left)), Double(abs(hud.qValues.right)), 1)
        let smallest = 0.001
        let fraction = min(log10(1 + abs(difference) / smallest) / log10(1 + largest / smallest), 1)
        let centre = left + labelWidth + barMax / 2
        SceneColour.text.set(on: cr)
        cairo_move_to(cr, left, y + barHeight - 1 * unit)
        cairo_show_text(cr, "R − L")
        SceneColour.chosenBar.set(on: cr)
        let length = fraction * barMax / 2
        cairo_rectangle(cr, difference >= 0 ? centre : centre - length, y, length, barHeight)
        cairo_fill(cr)
        SceneColour.text.set(on: cr)
        cairo_set_line_width(cr, max(1, unit))
        cairo_move_to(cr, centre, y - 1 * unit)
        cairo_line_to(cr, centre, y + barHeight + 1 * unit)
        cairo_stroke(cr)
        cairo_move_to(cr, left + labelWidth + barMax + 4 * unit, y + barHeight - 1 * unit)
        cairo_show_text(cr, String(format: "%+.3g", difference))
    }
}
