import CCairo
import Foundation

/// How a panel maps data to pixels: y linear or logarithmic, x linear over the data's range.
struct PanelScale {
    let area: PlotRect
    let xLower: Double, xUpper: Double
    let xTicks: [Double]
    let xLabels: [String]
    let yTicks: [Double]
    let yLabels: [String]
    let yLower: Double, yUpper: Double
    let logarithmic: Bool

    func px(_ x: Double) -> Double { area.x + (x - xLower) / (xUpper - xLower) * area.width }

    func py(_ y: Double) -> Double {
        let value = logarithmic ? log10(y) : y
        return area.bottom - (value - yLower) / (yUpper - yLower) * area.height
    }
}

/// The scale a panel's data gets: its axes' ranges and round ticks, linear or logarithmic.
extension PlotPanel {
    /// Every y value the panel shows (lines, bands, bars with their baseline and intervals), made displayable.
    var finiteValues: [Double] {
        if let intervals { return [-0.5, Double(intervals.rows.count) - 0.5] }
        let lines = series.flatMap { line in line.values + (line.band.map { $0.lower + $0.upper } ?? []) }
        let bars = self.bars.flatMap { group in
            group.bars.flatMap { bar -> [Double] in
                [0, bar.value] + (bar.interval.map { [$0.lowerBound, $0.upperBound] } ?? [])
            }
        }
        let grid = heatmap.map { [$0.y.lowerBound, $0.y.upperBound] } ?? []
        return (lines + bars + grid).compactMap(PlotValue.displayable)
    }

    /// The x range the data covers: series from their first to last x, bars from their left to right edges,
    /// interval rows from their lowest to highest end.
    var dataXRange: ClosedRange<Double> {
        let lineXs = series.filter { !$0.values.isEmpty }.flatMap { [$0.xValue(0), $0.xValue($0.values.count - 1)] }
        let barXs = bars.flatMap { $0.bars.flatMap { [$0.x0, $0.x1] } }
        let referenceXs = references.filter(\.vertical).map(\.value)
        let gridXs = heatmap.map { [$0.x.lowerBound, $0.x.upperBound] } ?? []
        let intervalXs =
            intervals?.rows.flatMap { [$0.value] + ($0.interval.map { [$0.lowerBound, $0.upperBound] } ?? []) } ?? []
        let xs = (lineXs + barXs + referenceXs + gridXs + intervalXs).compactMap(PlotValue.displayable)
        guard let low = xs.min(), let high = xs.max() else { return 1...1 }
        return low...high
    }

    /// The scale of `values` in `rect`: x over the data (or the fixed range), y with 5% of margin (or fixed,
    /// or logarithmic over three decades and more), interval rows one per variant; nil without values.
    func makeScale(_ cr: OpaquePointer, rect: PlotRect, values: [Double], unit: Double) -> PanelScale? {
        guard let low = values.min(), let high = values.max() else { return nil }
        let range = xRange ?? dataXRange
        let xTicks = AxisTicks(
            minimum: range.lowerBound, maximum: range.upperBound, target: 6, minimumStep: wholeX ? 1 : 0)
        // Lines span exactly their data, as matplotlib's index plots do from 1; bars get half a bar of room.
        let exact = xTickLabels != nil || heatmap != nil || xRange != nil
        var (xLower, xUpper) = exact ? (range.lowerBound, range.upperBound) : (xTicks.lower, xTicks.upper)
        if intervals != nil {
            // Interval rows: 5% of room at both ends, as a line's y axis has.
            let pad = max((range.upperBound - range.lowerBound) * 0.05, xTicks.step / 2)
            (xLower, xUpper) = (range.lowerBound - pad, range.upperBound + pad)
        }
        let xTickValues = (xTickLabels?.map(\.x) ?? xTicks.values).filter { $0 >= xLower && $0 <= xUpper }
        let xLabels =
            xTickLabels.map { labels in labels.filter { $0.x >= xLower && $0.x <= xUpper }.map(\.label) }
            ?? xTickValues.map(xTicks.label)
        func scale(yTicks: [Double], yLabels: [String], yLower: Double, yUpper: Double, log: Bool) -> PanelScale {
            let area = plotArea(cr, in: rect, unit: unit, yLabels: yLabels)
            var (ticks, labels) = (xTickValues, xLabels)
            // Numbers too wide for their room: fewer round ticks (0, 2000, 4000), not every other label.
            cairo_set_font_size(cr, 12 * unit)
            let room = { (labels: [String]) in (labels.map { textWidth(cr, $0) }.max() ?? 0) + 8 * unit }
            var target = 6
            while xTickLabels == nil, target > 2, Double(labels.count) * room(labels) > area.width {
                target -= 1
                let fewer = AxisTicks(
                    minimum: range.lowerBound, maximum: range.upperBound, target: target,
                    minimumStep: wholeX ? 1 : 0)
                ticks = fewer.values.filter { $0 >= xLower && $0 <= xUpper }
                labels = ticks.map(fewer.label)
            }
            return PanelScale(
                area: area, xLower: xLower, xUpper: xUpper, xTicks: ticks, xLabels: labels, yTicks: yTicks,
                yLabels: yLabels, yLower: yLower, yUpper: yUpper, logarithmic: log)
        }
        if let intervals {
            let rows = Double(intervals.rows.count)
            return scale(
                yTicks: intervals.rows.indices.map { rows - 1 - Double($0) }, yLabels: intervals.rows.map(\.label),
                yLower: -0.5, yUpper: rows - 0.5, log: false)
        }
        // As many y ticks as fit the plot's height with a label's height of room each (5 at most).
        let yTarget = max(2, min(5, Int(plotArea(cr, in: rect, unit: unit, yLabels: []).height / (20 * unit))))
        let positive = values.filter { $0 > 0 }
        if allowsLogScale, yRange == nil, let smallest = positive.min(), let largest = positive.max(),
            largest / smallest > 1000
        {
            let lower = log10(smallest).rounded(.down)
            let upper = log10(largest).rounded(.up)
            let decades = Array(stride(from: lower, through: upper, by: max(1, ((upper - lower) / 6).rounded(.up))))
            return scale(
                yTicks: decades.map { pow(10, $0) }, yLabels: decades.map { "1e\(Int($0))" }, yLower: lower,
                yUpper: upper, log: true)
        }
        if let yRange {
            let ticks = AxisTicks(minimum: yRange.lowerBound, maximum: yRange.upperBound, target: yTarget)
            let inside = ticks.values.filter { yRange.contains($0) }
            return scale(
                yTicks: inside, yLabels: inside.map(ticks.label), yLower: yRange.lowerBound,
                yUpper: yRange.upperBound, log: false)
        }
        let references = self.references.filter { !$0.vertical }.map(\.value).compactMap(PlotValue.displayable)
        let bottom = min(low, references.min() ?? low)
        let top = max(high, references.max() ?? high)
        let ticks = AxisTicks(minimum: bottom, maximum: top, target: yTarget)
        // Like matplotlib, 5% of margin around the data, ticks only inside it.
        let margin = heatmap != nil ? 0 : top > bottom ? (top - bottom) * 0.05 : ticks.step
        let yLower = bottom - margin
        let yUpper = top + margin
        let inside = ticks.values.filter { $0 >= yLower && $0 <= yUpper }
        return scale(yTicks: inside, yLabels: inside.map(ticks.label), yLower: yLower, yUpper: yUpper, log: false)
    }
}
