/// The numbers a plot can place. What arrives from a file may be anything (±1e308, subnormals, NaN), and
/// ranges, spans, logarithms and tick counts computed from such values overflow or turn NaN; so every
/// value that is drawn or that sizes an axis passes here first, which keeps all of that arithmetic finite.
enum PlotValue {
    /// Magnitudes are kept within [smallest, largest]: spans of two such values, their logarithms and their
    /// ratios to a tick step are all finite, with room to spare for margins.
    static let largest = 1e300, smallest = 1e-300

    /// nil for NaN and infinities (a gap in a line); a magnitude above `largest` is clamped to it, one
    /// below `smallest` becomes 0.
    static func displayable(_ value: Double) -> Double? {
        guard value.isFinite else { return nil }
        let magnitude = abs(value)
        if magnitude < smallest { return 0 }
        return magnitude > largest ? (value < 0 ? -largest : largest) : value
    }
}
