import CCairo
import Foundation

/// A rectangle in canvas pixels.
struct PlotRect {
    var x, y, width, height: Double
    var right: Double { x + width }
    var bottom: Double { y + height }
}

/// How a panel maps data to pixels: y linear or logarithmic, x linear over the data's range.
private struct PanelScale {
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

extension PlotPanel {
    /// Every y value the panel shows (lines, bands, bars with their baseline and intervals), made displayable.
    private var finiteValues: [Double] {
        let lines = series.flatMap { line in line.values + (line.band.map { $0.lower + $0.upper } ?? []) }
        let bars = self.bars.flatMap { group in
            group.bars.flatMap { bar -> [Double] in
                [0, bar.value] + (bar.interval.map { [$0.lowerBound, $0.upperBound] } ?? [])
            }
        }
        let grid = heatmap.map { [$0.y.lowerBound, $0.y.upperBound] } ?? []
        return (lines + bars + grid).compactMap(PlotValue.displayable)
    }

    /// The x range the data covers: series from their first to last x, bars from their left to right edges.
    private var xRange: ClosedRange<Double> {
        let lineXs = series.filter { !$0.values.isEmpty }.flatMap { [$0.xValue(0), $0.xValue($0.values.count - 1)] }
        let barXs = bars.flatMap { $0.bars.flatMap { [$0.x0, $0.x1] } }
        let referenceXs = references.filter(\.vertical).map(\.value)
        let gridXs = heatmap.map { [$0.x.lowerBound, $0.x.upperBound] } ?? []
        let xs = (lineXs + barXs + referenceXs + gridXs).compactMap(PlotValue.displayable)
        guard let low = xs.min(), let high = xs.max() else { return 1...1 }
        return low...high
    }

    /// Draws the panel into `rect`; `unit` scales text and margins (1 at the default figure size).
    func draw(on cr: OpaquePointer, in rect: PlotRect, unit: Double) {
        cairo_save(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        cairo_set_font_size(cr, 15 * unit)
        showText(cr, title, centreX: rect.x + rect.width / 2, baseline: rect.y + 24 * unit)
        // A heatmap's colour bar takes a strip at the right.
        let barRoom = heatmap == nil ? 0 : 90 * unit
        let area = PlotRect(
            x: rect.x + 72 * unit, y: rect.y + 38 * unit, width: rect.width - 92 * unit - barRoom,
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
        if let heatmap { drawHeatmap(cr, heatmap, scale) }
        for reference in references {
            guard let value = PlotValue.displayable(reference.value) else { continue }
            cairo_set_source_rgb(cr, reference.colour.red, reference.colour.green, reference.colour.blue)
            cairo_set_line_width(cr, 1.5 * unit)
            var dashes = [6 * unit, 4 * unit]
            cairo_set_dash(cr, &dashes, 2, 0)
            if reference.vertical {
                let x = scale.px(value)
                cairo_move_to(cr, x, area.y)
                cairo_line_to(cr, x, area.bottom)
            } else {
                let y = scale.py(value)
                cairo_move_to(cr, area.x, y)
                cairo_line_to(cr, area.right, y)
            }
            cairo_stroke(cr)
            cairo_set_dash(cr, nil, 0, 0)
        }
        for group in bars { drawBars(cr, group, scale, unit: unit) }
        for line in series { drawSeries(cr, line, scale, unit: unit) }
        cairo_restore(cr)
        if showsLegend { drawLegend(cr, area: area, unit: unit) }
        if let heatmap { drawColourBar(cr, heatmap, beside: area, unit: unit) }
        cairo_restore(cr)
    }

    private func makeScale(area: PlotRect, values: [Double]) -> PanelScale? {
        guard let low = values.min(), let high = values.max() else { return nil }
        let range = xRange
        let xTicks = AxisTicks(minimum: range.lowerBound, maximum: range.upperBound, target: 6)
        // Lines span exactly their data, as matplotlib's index plots do from 1; bars get half a bar of room.
        let exact = xTickLabels != nil || heatmap != nil
        let (xLower, xUpper) = exact ? (range.lowerBound, range.upperBound) : (xTicks.lower, xTicks.upper)
        let xTickValues = xTickLabels?.map(\.x) ?? xTicks.values
        let xLabels = xTickLabels?.map(\.label) ?? xTicks.values.map(xTicks.label)
        let positive = values.filter { $0 > 0 }
        if allowsLogScale, let smallest = positive.min(), let largest = positive.max(), largest / smallest > 1000 {
            let lower = log10(smallest).rounded(.down)
            let upper = log10(largest).rounded(.up)
            let decades = Array(stride(from: lower, through: upper, by: max(1, ((upper - lower) / 6).rounded(.up))))
            return PanelScale(
                area: area, xLower: xLower, xUpper: xUpper, xTicks: xTickValues, xLabels: xLabels,
                yTicks: decades.map { pow(10, $0) }, yLabels: decades.map { "1e\(Int($0))" },
                yLower: lower, yUpper: upper, logarithmic: true)
        }
        let references = self.references.filter { !$0.vertical }.map(\.value).compactMap(PlotValue.displayable)
        let bottom = min(low, references.min() ?? low)
        let top = max(high, references.max() ?? high)
        let ticks = AxisTicks(minimum: bottom, maximum: top)
        // Like matplotlib, 5% of margin around the data, ticks only inside it.
        let margin = heatmap != nil ? 0 : top > bottom ? (top - bottom) * 0.05 : ticks.step
        let yLower = bottom - margin
        let yUpper = top + margin
        let inside = ticks.values.filter { $0 >= yLower && $0 <= yUpper }
        return PanelScale(
            area: area, xLower: xLower, xUpper: xUpper, xTicks: xTickValues, xLabels: xLabels, yTicks: inside,
            yLabels: inside.map(ticks.label), yLower: yLower, yUpper: yUpper, logarithmic: false)
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
        for (value, label) in zip(scale.xTicks, scale.xLabels) where value >= scale.xLower && value <= scale.xUpper {
            let x = (scale.px(value)).rounded() + 0.5
            cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
            cairo_move_to(cr, x, area.y)
            cairo_line_to(cr, x, area.bottom)
            cairo_stroke(cr)
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
            showText(cr, label, centreX: x, baseline: area.bottom + 17 * unit)
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
            guard let x = PlotValue.displayable(line.xValue(index)) else {
                gap = true
                continue
            }
            let pixel = Int(min(max(scale.px(x), -1e6), 1e6).rounded(.down))
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

    /// Draws a series through its column extents, over its band; a value standing alone between gaps is
    /// drawn as a dot.
    private func drawSeries(_ cr: OpaquePointer, _ line: PlotSeries, _ scale: PanelScale, unit: Double) {
        if let band = line.band { drawBand(cr, band, of: line, scale) }
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

    /// The band between a series' lower and upper bounds, shaded in its colour; points where a bound is
    /// not finite are left out.
    private func drawBand(_ cr: OpaquePointer, _ band: PlotBand, of line: PlotSeries, _ scale: PanelScale) {
        let points = line.values.indices.compactMap { i -> (x: Double, lower: Double, upper: Double)? in
            guard let x = PlotValue.displayable(line.xValue(i)), let lower = PlotValue.displayable(band.lower[i]),
                let upper = PlotValue.displayable(band.upper[i]), !scale.logarithmic || lower > 0
            else { return nil }
            return (scale.px(x), scale.py(lower), scale.py(upper))
        }
        guard let first = points.first else { return }
        cairo_move_to(cr, first.x, first.upper)
        for point in points.dropFirst() { cairo_line_to(cr, point.x, point.upper) }
        for point in points.reversed() { cairo_line_to(cr, point.x, point.lower) }
        cairo_close_path(cr)
        cairo_set_source_rgba(cr, line.colour.red, line.colour.green, line.colour.blue, 0.2)
        cairo_fill(cr)
    }

    /// The grid's cells, each a rectangle of its colour (edges snapped to whole pixels, so cells meet).
    private func drawHeatmap(_ cr: OpaquePointer, _ heatmap: PlotHeatmap, _ scale: PanelScale) {
        let rows = heatmap.values.count
        let columns = heatmap.values[0].count
        let width = (heatmap.x.upperBound - heatmap.x.lowerBound) / Double(columns)
        let height = (heatmap.y.upperBound - heatmap.y.lowerBound) / Double(rows)
        for (r, row) in heatmap.values.enumerated() {
            let top = scale.py(heatmap.y.lowerBound + Double(r + 1) * height).rounded()
            let bottom = scale.py(heatmap.y.lowerBound + Double(r) * height).rounded()
            for (c, value) in row.enumerated() {
                let left = scale.px(heatmap.x.lowerBound + Double(c) * width).rounded()
                let right = scale.px(heatmap.x.lowerBound + Double(c + 1) * width).rounded()
                let colour = heatmap.colour(of: value)
                cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
                cairo_rectangle(cr, left, top, right - left, bottom - top)
                cairo_fill(cr)
            }
        }
    }

    /// The colour bar: a gradient with its range for a continuous scale, a swatch per category otherwise.
    private func drawColourBar(_ cr: OpaquePointer, _ heatmap: PlotHeatmap, beside area: PlotRect, unit: Double) {
        let x = area.right + 18 * unit
        let width = 16 * unit
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
            for (value, y) in [(range.upperBound, area.y + 10 * unit), (range.lowerBound, area.bottom)] {
                cairo_move_to(cr, x + width + 4 * unit, y)
                cairo_show_text(cr, String(format: "%.3g", value))
            }
        case .categories(let categories):
            for (i, category) in categories.enumerated() {
                let y = area.y + Double(i) * 24 * unit
                cairo_set_source_rgb(cr, category.colour.red, category.colour.green, category.colour.blue)
                cairo_rectangle(cr, x, y, width, 16 * unit)
                cairo_fill(cr)
                cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
                cairo_move_to(cr, x + width + 4 * unit, y + 12 * unit)
                cairo_show_text(cr, category.label)
            }
        }
        cairo_save(cr)
        cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
        cairo_move_to(cr, x - 4 * unit, area.bottom + 38 * unit)
        cairo_show_text(cr, heatmap.label)
        cairo_restore(cr)
    }

    /// Bars from 0 to their value, with error bars for their intervals.
    private func drawBars(_ cr: OpaquePointer, _ group: PlotBars, _ scale: PanelScale, unit: Double) {
        let c = group.colour
        for bar in group.bars {
            guard let value = PlotValue.displayable(bar.value), let x0 = PlotValue.displayable(bar.x0),
                let x1 = PlotValue.displayable(bar.x1), !scale.logarithmic
            else { continue }
            let left = scale.px(x0)
            let right = scale.px(x1)
            let top = scale.py(value)
            let base = scale.py(0)
            cairo_rectangle(cr, left, min(top, base), right - left, abs(base - top))
            cairo_set_source_rgba(cr, c.red, c.green, c.blue, 0.75)
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, c.red * 0.7, c.green * 0.7, c.blue * 0.7)
            cairo_set_line_width(cr, 1)
            cairo_stroke(cr)
            if let interval = bar.interval, let low = PlotValue.displayable(interval.lowerBound),
                let high = PlotValue.displayable(interval.upperBound)
            {
                let centre = (left + right) / 2
                let cap = min(8 * unit, (right - left) / 4)
                cairo_set_source_rgb(cr, 0.15, 0.15, 0.15)
                cairo_set_line_width(cr, 1.5 * unit)
                cairo_move_to(cr, centre, scale.py(low))
                cairo_line_to(cr, centre, scale.py(high))
                for y in [scale.py(low), scale.py(high)] {
                    cairo_move_to(cr, centre - cap, y)
                    cairo_line_to(cr, centre + cap, y)
                }
                cairo_stroke(cr)
            }
        }
    }

    private func drawLegend(_ cr: OpaquePointer, area: PlotRect, unit: Double) {
        let entries =
            series.map { ($0.label, $0.colour, false) } + bars.map { ($0.label, $0.colour, false) }
            + references.map { ($0.label, $0.colour, true) }
        cairo_set_font_size(cr, 12 * unit)
        let widest =
            entries.map { entry -> Double in
                var extents = cairo_text_extents_t()
                cairo_text_extents(cr, entry.0, &extents)
                return extents.x_advance
            }.max() ?? 0
        let rowHeight = 17 * unit
        let width = max(190 * unit, widest + 52 * unit)
        let height = rowHeight * Double(entries.count) + 8 * unit
        let left = legendCorner == .lowerRight ? area.right - width - 10 * unit : area.x + 10 * unit
        let top = legendCorner == .upperLeft ? area.y + 10 * unit : area.bottom - height - 10 * unit
        let box = PlotRect(x: left, y: top, width: width, height: height)
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

}
