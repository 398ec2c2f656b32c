import CCairo
import Foundation

/// Shows `text` in the context's current font and colour, centred on `centreX`.
func showText(_ cr: OpaquePointer, _ text: String, centreX: Double, baseline: Double) {
    cairo_move_to(cr, centreX - textWidth(cr, text) / 2, baseline)
    cairo_show_text(cr, text)
}

/// Shows `text` in the context's current font and colour, ending at `rightX`.
func showText(_ cr: OpaquePointer, _ text: String, rightX: Double, baseline: Double) {
    cairo_move_to(cr, rightX - textWidth(cr, text), baseline)
    cairo_show_text(cr, text)
}

/// Shows `text` turned a quarter left (reading upwards), centred on `centreY`, its baseline at `baselineX`:
/// a y-axis label.
func showVerticalText(_ cr: OpaquePointer, _ text: String, centreY: Double, baselineX: Double) {
    cairo_save(cr)
    cairo_move_to(cr, baselineX, centreY + textWidth(cr, text) / 2)
    cairo_rotate(cr, -Double.pi / 2)
    cairo_show_text(cr, text)
    cairo_restore(cr)
}

/// The advance of `text` in the context's current font.
func textWidth(_ cr: OpaquePointer, _ text: String) -> Double {
    var extents = cairo_text_extents_t()
    cairo_text_extents(cr, text, &extents)
    return extents.x_advance
}

/// Sets the font size to `size`, or smaller so that `text` fits in `width` (never below half of `size`).
func setFontSize(_ cr: OpaquePointer, _ size: Double, fitting text: String, in width: Double) {
    cairo_set_font_size(cr, size)
    let natural = textWidth(cr, text)
    if natural > width && natural > 0 { cairo_set_font_size(cr, max(size * width / natural, size / 2)) }
}
