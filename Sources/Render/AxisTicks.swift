import Foundation

/// Tick positions for an axis: round steps (1, 2 or 5 times a power of ten) covering a data range.
package struct AxisTicks: Sendable, Equatable {
    /// The axis range, widened to whole steps.
    package var lower: Double
    package var upper: Double
    package var step: Double
    package var values: [Double]

    /// About `target` ticks over [minimum, maximum], at least `minimumStep` apart (1 for counts); a single
    /// value or an empty range is widened around it. The range is first brought within `PlotValue`'s bounds,
    /// so any finite range gives finite ticks.
    package init(minimum: Double, maximum: Double, target: Int = 5, minimumStep: Double = 0) {
        precondition(minimum.isFinite && maximum.isFinite && minimum <= maximum, "a finite range is needed")
        var low = PlotValue.displayable(minimum) ?? 0
        var high = PlotValue.displayable(maximum) ?? 0
        if high - low <= max(abs(high), abs(low)) * 1e-12 {
            let pad = low == 0 ? 1 : abs(low) * 0.1
            low -= pad
            high += pad
        }
        let step = max(Self.niceStep((high - low) / Double(min(max(target, 1), 100))), minimumStep)
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        let count = Int(((last - first) / step).rounded()) + 1
        lower = first
        upper = last
        self.step = step
        values = (0..<count).map { Self.clean(first + Double($0) * step, step: step) }
    }

    /// 1, 2 or 5 times a power of ten, the smallest not below `raw`.
    package static func niceStep(_ raw: Double) -> Double {
        let power = pow(10, (log10(raw)).rounded(.down))
        for multiple in [1.0, 2, 5, 10] where multiple * power >= raw * (1 - 1e-9) { return multiple * power }
        return 10 * power
    }

    /// Removes the float noise of `lower + i * step` (0.30000000000000004 becomes 0.3).
    static func clean(_ value: Double, step: Double) -> Double {
        let unit = step / 1000
        let cleaned = (value / unit).rounded() * unit
        return abs(cleaned) < unit ? 0 : cleaned
    }

    /// A tick label with just the decimals the step needs.
    package func label(_ value: Double) -> String {
        if abs(value) >= 1e6 || (abs(value) < 1e-4 && value != 0) { return String(format: "%.0e", value) }
        let decimals = max(0, -Int((log10(step)).rounded(.down)))
        return String(format: "%.\(decimals)f", value)
    }
}
