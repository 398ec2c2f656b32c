import CCairo
import Foundation

extension PlotHeatmap {
    /// The colour bar at `x`, as tall as `area`: a gradient with round ticks and its label turned beside it
    /// for a continuous scale, a swatch per category under its label otherwise.
    func drawColourBar(_ cr: OpaquePointer, x: Double, area: PlotRect, unit: Double) {
        let heatmap = self
        let width = 14 * unit
        cairo_set_font_size(cr, 12 * unit)
        switch heatmap.colours {
        case .viridis(let range):
            let steps = 64
            for i in 0..<steps {
                let colour = PlotHeatmap.viridis(Double(i) / Double(steps - 1))
                cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
                let y = area.bottom - Double(i + 1) * area.height / Double(steps)
                cairo_rectangle(cr, x, y, width, area.height / Double(steps) + 0.5)
                cairo_fill(cr)
            }
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
            cairo_set_line_width(cr, 1)
            let span = range.upperBound - range.lowerBound
            let ticks = AxisTicks(minimum: range.lowerBound, maximum: range.upperBound, target: 5)
            var widest = 0.0
            for value in ticks.values where range.contains(value) {
                let y =
                    span > 0 ? area.bottom - (value - range.lowerBound) / span * area.height : area.y + area.height / 2
                cairo_move_to(cr, x + width, y.rounded() + 0.5)
                cairo_line_to(cr, x + width + 4 * unit, y.rounded() + 0.5)
                cairo_stroke(cr)
                let label = ticks.label(value)
                widest = max(widest, textWidth(cr, label))
                cairo_move_to(cr, x + width + 6 * unit, y + 4 * unit)
                cairo_show_text(cr, label)
            }
            cairo_rectangle(cr, x.rounded() + 0.5, area.y.rounded() + 0.5, width.rounded(), area.height.rounded())
            cairo_stroke(cr)
            let shownLabel = setFontSize(cr, 13 * unit, fitting: heatmap.label, in: area.height)
            showVerticalText(
                cr, shownLabel, centreY: area.y + area.height / 2,
                baselineX: x + width + 6 * unit + widest + 18 * unit)
        case .categories(let categories):
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
            let shownLabel = setFontSize(cr, 13 * unit, fitting: heatmap.label, in: 80 * unit)
            cairo_move_to(cr, x, area.y + 12 * unit)
            cairo_show_text(cr, shownLabel)
            cairo_set_font_size(cr, 12 * unit)
            for (i, category) in categories.enumerated() {
                let y = area.y + 22 * unit + Double(i) * 24 * unit
                cairo_set_source_rgb(cr, category.colour.red, category.colour.green, category.colour.blue)
                cairo_rectangle(cr, x, y, width, 16 * unit)
                cairo_fill(cr)
                cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
                cairo_move_to(cr, x + width + 5 * unit, y + 12 * unit)
                cairo_show_text(cr, category.label)
            }
        }
    }
}
