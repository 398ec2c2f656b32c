import CCairo
import Foundation

/// A rectangle in canvas pixels.
struct PlotRect {
    var x, y, width, height: Double
    var right: Double { x + width }
    var bottom: Double { y + height }
}

/// How a panel maps data to pixels: y linear or logarithmic, x from 1 to the longest series.
private struct PanelScale {
    let area: PlotRect
    let xTicks: AxisTicks
    let yTicks: [Double]
    let yLabels: [String]
    let yLower: Double, yUpper: Double
    let logarithmic: Bool

    func px(_ x: Double) -> Double { area.x + (x - xTicks.lower) / (xTicks.upper - xTicks.lower) * area.width }

    func py(_ y: Double) -> Double {
        let value = logarithmic ? log10(y) : y
        return area.bottom - (value - yLower) / (yUpper - yLower) * area.height
    }
}

extension PlotPanel {
    private var finiteValues: [Double] {
        series.flatMap { $0.values.compactMap(PlotValue.displayable) }
    }

    /// Draws the panel into `rect`; `unit` scales text and margins (1 at the default figure size).
    func draw(on cr: OpaquePointer, in rect: PlotRect, unit: Double) {
        cairo_save(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        cairo_set_font_size(cr, 15 * unit)
        showText(cr, title, centreX: rect.x + rect.width / 2, baseline: rect.y + 24 * unit)
        let area = PlotRect(x: rect.x + 72 * unit, y: rect.y + 38 * unit, width: rect.width - 92 * unit,
                            height: rect.height - 88 * unit)
        let values = finiteValues
        guard let scale = makeScale(area: area, values: values) else {
            cairo_set_source_rgb(cr, 0.92, 0.92, 0.92)
            cairo_rectangle(cr, area.x, area.y, area.width, area.height)
            cairo_set_line_width(cr, 1)
            cairo_stroke(cr)
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45)
            cairo_set_font_size(cr, 14 * unit)
            showText(cr, emptyMessage, centreX: area.x + area.width / 2, baseline: area.y + area.height / 2)
            cairo_restore(cr)
            return
        }
        drawAxes(cr, scale, unit: unit)
        cairo_save(cr)
        cairo_rectangle(cr, area.x, area.y, area.width, area.height)
        cairo_clip(cr)
        for reference in references {
            guard let value = PlotValue.displayable(reference.value) else { continue }
            cairo_set_source_rgb(cr, reference.colour.red, reference.colour.green, reference.colour.blue)
            cairo_set_line_width(cr, 1.5 * unit)
            var dashes = [6 * unit, 4 * unit]
            cairo_set_dash(cr, &dashes, 2, 0)
            let y = scale.py(value)
            cairo_move_to(cr, area.x, y)
            cairo_line_to(cr, area.right, y)
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        }
        for line in series { drawSeries(cr, line, scale, unit: unit) }
        cairo_restore(cr)
        if showsLegend { drawLegend(cr, area: area, unit: unit) }
        cairo_restore(cr)
    }

    private func makeScale(area: PlotRect, values: [Double]) -> PanelScale? {
        guard let low = values.min(), let high = values.max() else { return nil }
        let longest = max(series.map(\.values.count).max() ?? 1, 1)
        let xTicks = AxisTicks(minimum: 1, maximum: Double(longest), target: 6)
        let positive = values.filter { $0 > 0 }
        if allowsLogScale, let smallest = positive.min(), let largest = positive.max(), largest / smallest > 1000 {
            let lower = log10(smallest).rounded(.down), upper = log10(largest).rounded(.up)
            let decades = Array(stride(from: lower, through: upper, by: max(1, ((upper - lower) / 6).rounded(.up))))
            return PanelScale(area: area, xTicks: xTicks, yTicks: decades.map { pow(10, $0) },
                              yLabels: decades.map { "1e\(Int($0))" }, yLower: lower, yUpper: upper, logarithmic: true)
        }
        let references = self.references.map(\.value).compactMap(PlotValue.displayable)
        let bottom = min(low, references.min() ?? low), top = max(high, references.max() ?? high)
        let ticks = AxisTicks(minimum: bottom, maximum: top)
        // Like matplotlib, 5% of margin around the data, ticks only inside it.
        let margin = top > bottom ? (top - bottom) * 0.05 : ticks.step
        let yLower = bottom - margin, yUpper = top + margin
        let inside = ticks.values.filter { $0 >= yLower && $0 <= yUpper }
        return PanelScale(area: area, xTicks: xTicks, yTicks: inside, yLabels: inside.map(ticks.label),
                          yLower: yLower, yUpper: yUpper, logarithmic: false)
    }

    private func drawAxes(_ cr: OpaquePointer, _ scale: PanelScale, unit: Double) {
        let area = scale.area
        cairo_set_line_width(cr, 1)
        cairo_set_font_size(cr, 12 * unit)
        // Grid and tick labels.
        for (value, label) in zip(scale.yTicks, scale.yLabels) {
            let y = (scale.py(value)).rounded() + 0.5
            cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
            cairo_move_to(cr, area.x, y)
            cairo_line_to(cr, area.right, y)
            cairo_stroke(cr)
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
            showText(cr, label, rightX: area.x - 6 * unit, baseline: y + 4 * unit)
        }
        for value in scale.xTicks.values {
            let x = (scale.px(value)).rounded() + 0.5
            cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
            cairo_move_to(cr, x, area.y)
            cairo_line_to(cr, x, area.bottom)
            cairo_stroke(cr)
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
            showText(cr, scale.xTicks.label(value), centreX: x, baseline: area.bottom + 17 * unit)
        }
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
        cairo_rectangle(cr, area.x.rounded() + 0.5, area.y.rounded() + 0.5, area.width.rounded(), area.height.rounded())
        cairo_stroke(cr)
        cairo_set_font_size(cr, 13 * unit)
        showText(cr, xLabel, centreX: area.x + area.width / 2, baseline: area.bottom + 38 * unit)
    }

    /// One pixel column of a series: the extent of the values that fall in it (in pixels), the first and
    /// last of them, and whether a gap (a non-finite value) comes before it.
    private struct ColumnExtent {
        var column: Int
        var low, high, first, last: Double
        var afterGap: Bool
    }

    /// The series reduced to the minimum and maximum of each pixel column, so long series stay fast and
    /// keep their spikes; non-finite values (and non-positive ones on a log axis) make gaps.
    private func columnExtents(_ line: PlotSeries, _ scale: PanelScale) -> [ColumnExtent] {
        var extents: [ColumnExtent] = []
        var gap = true
        for (index, raw) in line.values.enumerated() {
            guard let value = PlotValue.displayable(raw), !scale.logarithmic || value > 0 else {
                gap = true
                continue
            }
            let y = scale.py(value)
            let pixel = Int(scale.px(Double(index + 1)).rounded(.down))
            if !gap, let current = extents.last, current.column == pixel {
                extents[extents.count - 1].low = min(current.low, y)
                extents[extents.count - 1].high = max(current.high, y)
                extents[extents.count - 1].last = y
            } else {
                extents.append(ColumnExtent(column: pixel, low: y, high: y, first: y, last: y, afterGap: gap))
            }
            gap = false
        }
        return extents
    }

    /// Draws a series through its column extents; a value standing alone between gaps is drawn as a dot.
    private func drawSeries(_ cr: OpaquePointer, _ line: PlotSeries, _ scale: PanelScale, unit: Double) {
        cairo_set_source_rgb(cr, line.colour.red, line.colour.green, line.colour.blue)
        let extents = columnExtents(line, scale)
        if Double(line.values.count) > 2 * scale.area.width {
            drawDense(cr, extents, lineWidth: line.lineWidth * unit)
            return
        }
        cairo_set_line_width(cr, line.lineWidth * unit)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
        var lone: [(Double, Double)] = []
        for (i, extent) in extents.enumerated() {
            let x = Double(extent.column) + 0.5
            if extent.afterGap { cairo_move_to(cr, x, extent.first) }
            cairo_line_to(cr, x, extent.first)
            if extent.high != extent.low {
                cairo_line_to(cr, x, extent.low)
                cairo_line_to(cr, x, extent.high)
                cairo_line_to(cr, x, extent.last)
            }
            let endsRun = i + 1 == extents.count || extents[i + 1].afterGap
            if extent.afterGap && endsRun && extent.high == extent.low { lone.append((x, extent.first)) }
        }
        cairo_stroke(cr)
        for (x, y) in lone {
            cairo_arc(cr, x, y, 2.5 * unit, 0, 2 * .pi)
            cairo_fill(cr)
        }
    }

    /// A series with more than two values per pixel column, drawn as one pixel-aligned bar per column
    /// from its minimum to its maximum, each bar reaching to where the previous column ended so the line
    /// stays connected. Cairo fills such rectangles on its fast path, many times faster than stroking.
    private func drawDense(_ cr: OpaquePointer, _ extents: [ColumnExtent], lineWidth: Double) {
        let width = max(1, lineWidth.rounded())
        var previous: ColumnExtent?
        for extent in extents {
            let joined = extent.afterGap ? nil : previous?.last
            let top = min(extent.low, joined ?? extent.low).rounded(.down)
            let bottom = max(extent.high, joined ?? extent.high).rounded(.up)
            cairo_rectangle(cr, Double(extent.column), top, width, max(bottom - top, 1))
            previous = extent
        }
        cairo_fill(cr)
    }

    private func drawLegend(_ cr: OpaquePointer, area: PlotRect, unit: Double) {
        let entries = series.map { ($0.label, $0.colour, false) } + references.map { ($0.label, $0.colour, true) }
        let rowHeight = 17 * unit, width = 190 * unit
        let height = rowHeight * Double(entries.count) + 8 * unit
        // Lower right: scores rise towards the top right and start at the lower left.
        let box = PlotRect(x: area.right - width - 10 * unit, y: area.bottom - height - 10 * unit, width: width, height: height)
        cairo_set_source_rgba(cr, 1, 1, 1, 0.85)
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_fill_preserve(cr)
        cairo_set_source_rgb(cr, 0.8, 0.8, 0.8)
        cairo_set_line_width(cr, 1)
        cairo_stroke(cr)
        cairo_set_font_size(cr, 12 * unit)
        for (i, (label, colour, dashed)) in entries.enumerated() {
            let y = box.y + 4 * unit + rowHeight * (Double(i) + 0.5)
            cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
            cairo_set_line_width(cr, 2 * unit)
            if dashed {
                var dashes = [5 * unit, 3 * unit]
                cairo_set_dash(cr, &dashes, 2, 0)
            }
            cairo_move_to(cr, box.x + 8 * unit, y)
            cairo_line_to(cr, box.x + 34 * unit, y)
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15)
            cairo_move_to(cr, box.x + 42 * unit, y + 4 * unit)
            cairo_show_text(cr, label)
        }
    }

    private func showText(_ cr: OpaquePointer, _ text: String, centreX: Double, baseline: Double) {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        cairo_move_to(cr, centreX - extents.x_advance / 2, baseline)
        cairo_show_text(cr, text)
    }

    private func showText(_ cr: OpaquePointer, _ text: String, rightX: Double, baseline: Double) {
        var extents = cairo_text_extents_t()
        cairo_text_extents(cr, text, &extents)
        cairo_move_to(cr, rightX - extents.x_advance, baseline)
        cairo_show_text(cr, text)
    }
}
