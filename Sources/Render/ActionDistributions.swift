import CCairo
import Foundation

/// Each action's distribution over shared bins (a categorical network's return distributions): drawn as a
/// small histogram per action under the scene, and as each action's band on the Q-strip.
package struct ActionDistributions: Sendable, Equatable {
    /// The value each bin stands for, rising.
    package var bins: [Float]
    /// Each action's weights, one per bin: left, then right.
    package var weights: [[Float]]

    package init(bins: [Float], left: [Float], right: [Float]) {
        precondition(left.count == bins.count && right.count == bins.count, "one weight per bin")
        self.bins = bins
        weights = [left, right]
    }

    /// Action `action`'s value at quantile `p` (0 to 1): the first bin whose cumulative weight reaches p.
    package func quantile(_ p: Float, of action: Int) -> Float {
        var cumulative: Float = 0
        for (bin, weight) in zip(bins, weights[action]) {
            cumulative += weight
            if cumulative >= p { return bin }
        }
        return bins[bins.count - 1]
    }

    /// The band under the scene the histograms take, in a frame of `width` x `height` whose scene is
    /// scaled to fit: the scene's bottom 64 units, below the wheels.
    static func band(width: Double, height: Double) -> (top: Double, bottom: Double) {
        let unit = min(width / CartPoleRenderer.sceneWidth, height / CartPoleRenderer.sceneHeight)
        let bottom = (height + CartPoleRenderer.sceneHeight * unit) / 2
        return (bottom - 64 * unit, bottom)
    }

    /// Draws each action's histogram side by side in the band under the scene, bars of the action's
    /// colour (the action not taken paler) scaled to the largest weight of both, the mean (the action's
    /// Q-value) marked by a red line, the bins' range under them.
    func draw(on cr: OpaquePointer, width: Double, height: Double, action: Int?) {
        let unit = min(width / CartPoleRenderer.sceneWidth, height / CartPoleRenderer.sceneHeight)
        let (top, bottom) = Self.band(width: width, height: height)
        // A weight that is not a finite non-negative number (a diverged network's) draws as none.
        let weights = weights.map { $0.map { $0.isFinite && $0 > 0 ? $0 : 0 } }
        let largest = max(weights.flatMap { $0 }.max() ?? 0, 1e-6)
        let (low, high) = (Double(bins[0]), Double(bins[bins.count - 1]))
        cairo_save(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 11 * unit)
        let panelWidth = (width - 30 * unit) / 2
        for (index, name) in ["left", "right"].enumerated() {
            let x0 = 10 * unit + Double(index) * (panelWidth + 10 * unit)
            let barsTop = top + 14 * unit
            let barsBottom = bottom - 14 * unit
            SceneColour.text.set(on: cr)
            cairo_move_to(cr, x0, top + 10 * unit)
            cairo_show_text(cr, "return distribution, \(name)")
            let colour = QStrip.actionColours[index]
            cairo_set_source_rgba(cr, colour.red, colour.green, colour.blue, action == nil || action == index ? 1 : 0.4)
            let step = panelWidth / Double(bins.count)
            var mean = 0.0
            for (bin, weight) in weights[index].enumerated() {
                mean += Double(bins[bin]) * Double(weight)
                let length = (barsBottom - barsTop) * Double(weight / largest)
                cairo_rectangle(cr, x0 + Double(bin) * step, barsBottom - length, max(step - 0.5 * unit, 0.5), length)
            }
            cairo_fill(cr)
            // The mean: the action's Q-value.
            let meanX = x0 + (high > low ? (mean - low) / (high - low) : 0.5) * (panelWidth - step) + step / 2
            cairo_set_source_rgb(cr, 0.84, 0.15, 0.16)
            cairo_set_line_width(cr, max(1, 1.5 * unit))
            cairo_move_to(cr, meanX, barsTop)
            cairo_line_to(cr, meanX, barsBottom)
            cairo_stroke(cr)
            SceneColour.text.set(on: cr)
            cairo_set_line_width(cr, max(1, unit))
            cairo_move_to(cr, x0, barsBottom + 0.5)
            cairo_line_to(cr, x0 + panelWidth, barsBottom + 0.5)
            cairo_stroke(cr)
            cairo_move_to(cr, x0, bottom - 2 * unit)
            cairo_show_text(cr, String(format: "%g", low))
            let right = String(format: "%g", high)
            var extents = cairo_text_extents_t()
            cairo_text_extents(cr, right, &extents)
            cairo_move_to(cr, x0 + panelWidth - extents.x_advance, bottom - 2 * unit)
            cairo_show_text(cr, right)
        }
        cairo_restore(cr)
    }
}
