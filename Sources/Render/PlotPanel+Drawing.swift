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
        series.flatMap { $0.values.filter(\.isFinite) }
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
        for reference in references where reference.value.isFinite {
            cairo_set_source_rgb(cr, reference.colour.red, reference.colour.green, reference.colour.blue)
            cairo_set_line_width(cr, 1.5 * unit)
            var dashes = [6 * unit, 4 * unit]
            cairo_set_dash(cr, &dashes, 2, 0)
            let y = scale.py(reference.value)
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
        let references = self.references.map(\.value).filter(\.isFinite)
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

    /// Draws a series reduced to the minimum and maximum of each pixel column, so long series stay fast
    /// and keep their spikes; non-finite values (and non-positive ones on a log axis) break the line,
    /// and a value standing alone between breaks is drawn as a dot.
    private func drawSeries(_ cr: OpaquePointer, _ line: PlotSeries, _ scale: PanelScale, unit: Double) {
        cairo_set_source_rgb(cr, line.colour.red, line.colour.green, line.colour.blue)
        if Double(line.values.count) > 2 * scale.area.width {
            drawDenseSeries(cr, line, scale, unit: unit)
            return
        }
        cairo_set_line_width(cr, line.lineWidth * unit)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
        var column = Int.min, low = 0.0, high = 0.0, columnsInRun = 0
        var lone: [(Double, Double)] = []
        func flushColumn() {
            guard column != Int.min else { return }
            let x = Double(column) + 0.5
            if columnsInRun == 0 { cairo_move_to(cr, x, low) } else { cairo_line_to(cr, x, low) }
            if high != low { cairo_line_to(cr, x, high) }
            columnsInRun += 1
        }
        func endRun() {
            flushColumn()
            if columnsInRun == 1 && high == low { lone.append((Double(column) + 0.5, low)) }
            column = Int.min
            columnsInRun = 0
        }
        for (index, value) in line.values.enumerated() {
            guard value.isFinite, !scale.logarithmic || value > 0 else {
                endRun()
                continue
            }
            let y = scale.py(value)
            let pixel = Int(scale.px(Double(index + 1)).rounded(.down))
            if pixel != column {
                flushColumn()
                column = pixel
                low = y
                high = y
            } else {
                low = min(low, y)
                high = max(high, y)
            }
        }
        endRun()
        cairo_stroke(cr)
        for (x, y) in lone {
            cairo_arc(cr, x, y, 2.5 * unit, 0, 2 * .pi)
            cairo_fill(cr)
        }
    }

    /// A series with more than two values per pixel column, drawn as one pixel-aligned bar per column
    /// from its minimum to its maximum, each bar reaching to where the previous column ended so the line
    /// stays connected. Cairo fills such rectangles on its fast path, many times faster than stroking.
    private func drawDenseSeries(_ cr: OpaquePointer, _ line: PlotSeries, _ scale: PanelScale, unit: Double) {
        let width = max(1, (line.lineWidth * unit).rounded())
        var column = Int.min, low = 0.0, high = 0.0, last: Double?
        func flush() {
            guard column != Int.min else { return }
            let top = low.rounded(.down), bottom = high.rounded(.up)
            cairo_rectangle(cr, Double(column), top, width, max(bottom - top, 1))
        }
        for (index, value) in line.values.enumerated() {
            guard value.isFinite, !scale.logarithmic || value > 0 else {
                flush()
                column = Int.min
                last = nil
                continue
            }
            let y = scale.py(value)
            let pixel = Int(scale.px(Double(index + 1)).rounded(.down))
            if pixel != column {
                flush()
                column = pixel
                low = min(y, last ?? y)
                high = max(y, last ?? y)
            } else {
                low = min(low, y)
                high = max(high, y)
            }
            last = y
        }
        flush()
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
