import CCairo

/// Shows `text` in the context's current font and colour, centred on `centreX`.
func showText(_ cr: OpaquePointer, _ text: String, centreX: Double, baseline: Double) {
    var extents = cairo_text_extents_t()
    cairo_text_extents(cr, text, &extents)
    cairo_move_to(cr, centreX - extents.x_advance / 2, baseline)
    cairo_show_text(cr, text)
}

/// Shows `text` in the context's current font and colour, ending at `rightX`.
func showText(_ cr: OpaquePointer, _ text: String, rightX: Double, baseline: Double) {
    var extents = cairo_text_extents_t()
    cairo_text_extents(cr, text, &extents)
    cairo_move_to(cr, rightX - extents.x_advance, baseline)
    cairo_show_text(cr, text)
}
