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

/// The smallest text a context may shrink text to, in its user units: a figure drawn at a size in inches
/// sets it (`FigureSize.minimumTextPoints`); elsewhere text shrinks to half its size at most.
private nonisolated(unsafe) var textFloorKey = cairo_user_data_key_t()

/// Sets the smallest size `setFontSize` shrinks text to on `cr`.
func setTextFloor(_ cr: OpaquePointer, _ size: Double) {
    let box = UnsafeMutablePointer<Double>.allocate(capacity: 1)
    box.initialize(to: size)
    cairo_set_user_data(cr, &textFloorKey, box) { $0?.assumingMemoryBound(to: Double.self).deallocate() }
}

/// The smallest text `cr` allows, 0 when none was set.
func textFloor(_ cr: OpaquePointer) -> Double {
    cairo_get_user_data(cr, &textFloorKey)?.assumingMemoryBound(to: Double.self).pointee ?? 0
}

/// Sets the font size to `size`, or smaller so that `text` fits in `width` (never below half of `size` nor
/// below the context's text floor), and returns the text to show: `text`, or its start with an ellipsis
/// when even the smallest size does not fit.
@discardableResult
func setFontSize(_ cr: OpaquePointer, _ size: Double, fitting text: String, in width: Double) -> String {
    cairo_set_font_size(cr, size)
    let natural = textWidth(cr, text)
    guard natural > width && natural > 0 else { return text }
    let smallest = min(size, max(size / 2, textFloor(cr)))
    cairo_set_font_size(cr, max(size * width / natural, smallest))
    return ellipsized(cr, text, width: width)
}

/// `text`, or its start with an ellipsis, whichever fits `width` in the context's current font.
func ellipsized(_ cr: OpaquePointer, _ text: String, width: Double) -> String {
    guard textWidth(cr, text) > width * 1.001 else { return text }
    var shown = Substring(text)
    while !shown.isEmpty && textWidth(cr, shown + "…") > width { shown = shown.dropLast() }
    return shown + "…"
}

/// The context's current font size.
func fontSize(_ cr: OpaquePointer) -> Double {
    var matrix = cairo_matrix_t()
    cairo_get_font_matrix(cr, &matrix)
    return matrix.yy
}
