import CCairo
import Foundation

/// How a legend entry shows what it names.
enum LegendMark {
    case line(band: Bool)
    case dot, swatch, dashed
    var isSwatch: Bool { if case .swatch = self { true } else { false } }

    /// Draws the mark in `colour`, 26 units wide from `x`, centred on `centreY`.
    func draw(_ cr: OpaquePointer, colour: Colour, x: Double, centreY y: Double, unit: Double) {
        switch self {
        case .swatch, .line(band: true):
            cairo_set_source_rgba(cr, colour.red, colour.green, colour.blue, isSwatch ? 0.75 : 0.2)
            cairo_rectangle(cr, x, y - 6 * unit, 26 * unit, 12 * unit)
            cairo_fill(cr)
        default: break
        }
        // A light line or dot (white on a map) gets a dark edge, so the white legend box shows it.
        let light = 0.3 * colour.red + 0.6 * colour.green + 0.1 * colour.blue > 0.85
        if case .dot = self {
            cairo_new_path(cr)
            cairo_arc(cr, x + 13 * unit, y, 3.5 * unit, 0, 2 * .pi)
            cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
            cairo_set_line_width(cr, light ? 1 * unit : 0)
            if light { cairo_stroke(cr) } else { cairo_new_path(cr) }
        } else if !isSwatch {
            if case .dashed = self {
                var dashes = [5 * unit, 3 * unit]
                cairo_set_dash(cr, &dashes, 2, 0)
            }
            cairo_move_to(cr, x, y)
            cairo_line_to(cr, x + 26 * unit, y)
            if light {
                cairo_set_source_rgb(cr, 0.3, 0.3, 0.3)
                cairo_set_line_width(cr, 4 * unit)
                cairo_stroke_preserve(cr)
            }
            cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
            cairo_set_line_width(cr, 2 * unit)
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        }
    }
}
