import CCairo
import Foundation

/// A rectangle in canvas pixels.
public struct PlotRect: Sendable, Equatable {
    public var x, y, width, height: Double
    public var right: Double { x + width }
    public var bottom: Double { y + height }
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
    private var dataXRange: ClosedRange<Double> {
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

    /// The panel's plot area inside `rect`: room for the title above, for the y tick labels and the y label
    /// at the left (as wide as the widest label), for the x labels below and a colour bar at the right.
    func plotArea(_ cr: OpaquePointer, in rect: PlotRect, unit: Double, yLabels: [String]) -> PlotRect {
        cairo_set_font_size(cr, 12 * unit)
        let widest = yLabels.map { textWidth(cr, $0) }.max() ?? 0
        let left = max(widest + 12 * unit, 34 * unit) + (yLabel.isEmpty ? 14 : 34) * unit
        let barRoom = heatmap?.showsColourBar == true ? 96 * unit : 0
        let titleRoom = Double(titleLines(cr, in: rect, unit: unit).count - 1) * 17 * unit
        return PlotRect(
            x: rect.x + left, y: rect.y + 38 * unit + titleRoom,
            width: max(rect.width - left - 20 * unit - barRoom, 10),
            height: max(rect.height - 90 * unit - titleRoom, 10))
    }

    /// The title as drawn: one line, or up to three broken between words when one line would shrink below
    /// the smallest text allowed (`textFloor`).
    func titleLines(_ cr: OpaquePointer, in rect: PlotRect, unit: Double) -> [String] {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        let room = rect.width - 16 * unit
        let floor = textFloor(cr)
        cairo_set_font_size(cr, max(floor, 7.5 * unit))
        guard floor > 0, textWidth(cr, title) > room else { return [title] }
        var lines: [String] = []
        for word in title.split(separator: " ") {
            if let last = lines.last, lines.count == 3 || textWidth(cr, last + " " + word) <= room {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        return lines
    }

    /// Where the panel draws its data in `rect`, as `draw` lays it out; nil when it has none.
    func dataArea(_ cr: OpaquePointer, in rect: PlotRect, unit: Double) -> PlotRect? {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        return makeScale(cr, rect: rect, values: finiteValues, unit: unit)?.area
    }

    /// Draws the panel into `rect`; `unit` scales text and margins (1 at the default figure size).
    func draw(on cr: OpaquePointer, in rect: PlotRect, unit: Double) {
        cairo_save(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        // Lines of a broken title in one size: the longer line's.
        let lines = titleLines(cr, in: rect, unit: unit)
        let longest = lines.max { textWidth(cr, $0) < textWidth(cr, $1) } ?? title
        setFontSize(cr, 15 * unit, fitting: longest, in: rect.width - 16 * unit)
        let size = fontSize(cr)
        for (i, line) in lines.enumerated() {
            let shown = setFontSize(cr, size, fitting: line, in: rect.width - 16 * unit)
            showText(cr, shown, centreX: rect.x + rect.width / 2, baseline: rect.y + (24 + 17 * Double(i)) * unit)
        }
        guard let scale = makeScale(cr, rect: rect, values: finiteValues, unit: unit) else {
            let area = plotArea(cr, in: rect, unit: unit, yLabels: [])
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
        let area = scale.area
        drawAxes(cr, scale, in: rect, unit: unit)
        cairo_save(cr)
        cairo_rectangle(cr, area.x, area.y, area.width, area.height)
        cairo_clip(cr)
        if let heatmap { drawHeatmap(cr, heatmap, scale) }
        // Every band before any line, so that no band covers another variant's line.
        for line in series { if let band = line.band { drawBand(cr, band, of: line, scale) } }
        for group in bars { drawBars(cr, group, scale, unit: unit) }
        for reference in references { drawReference(cr, reference, scale, unit: unit) }
        if let intervals { drawIntervals(cr, intervals, scale, unit: unit) }
        // Each line reduced to its pixel columns once: drawn from them, and the legend placed clear of them.
        let extents = series.map { columnExtents($0, scale) }
        for (line, columns) in zip(series, extents) { drawSeries(cr, line, columns, scale, unit: unit) }
        cairo_restore(cr)
        if showsLegend && !legendOutside { drawLegend(cr, scale, extents: extents, unit: unit) }
        if let heatmap, heatmap.showsColourBar {
            heatmap.drawColourBar(cr, x: area.right + 14 * unit, area: area, unit: unit)
        }
        cairo_restore(cr)
    }

    private func drawReference(_ cr: OpaquePointer, _ reference: ReferenceLine, _ scale: PanelScale, unit: Double) {
        guard let value = PlotValue.displayable(reference.value) else { return }
        let area = scale.area
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

    private func makeScale(_ cr: OpaquePointer, rect: PlotRect, values: [Double], unit: Double) -> PanelScale? {
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
            PanelScale(
                area: plotArea(cr, in: rect, unit: unit, yLabels: yLabels), xLower: xLower, xUpper: xUpper,
                xTicks: xTickValues, xLabels: xLabels, yTicks: yTicks, yLabels: yLabels, yLower: yLower,
                yUpper: yUpper, logarithmic: log)
        }
        if let intervals {
            let rows = Double(intervals.rows.count)
            return scale(
                yTicks: intervals.rows.indices.map { rows - 1 - Double($0) }, yLabels: intervals.rows.map(\.label),
                yLower: -0.5, yUpper: rows - 0.5, log: false)
        }
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
            let ticks = AxisTicks(minimum: yRange.lowerBound, maximum: yRange.upperBound)
            let inside = ticks.values.filter { yRange.contains($0) }
            return scale(
                yTicks: inside, yLabels: inside.map(ticks.label), yLower: yRange.lowerBound,
                yUpper: yRange.upperBound, log: false)
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
        return scale(yTicks: inside, yLabels: inside.map(ticks.label), yLower: yLower, yUpper: yUpper, log: false)
    }

    private func drawAxes(_ cr: OpaquePointer, _ scale: PanelScale, in rect: PlotRect, unit: Double) {
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
        // X tick labels never run together: categories get smaller type, numbers fewer ticks.
        let ticks = Array(zip(scale.xTicks, scale.xLabels))
        let spacing = ticks.count > 1 ? area.width / Double(ticks.count) : area.width
        let widest = ticks.map { textWidth(cr, $0.1) }.max() ?? 0
        var every = 1
        if widest + 8 * unit > spacing {
            let smaller = max(12 * unit * (spacing - 8 * unit) / widest, 6 * unit)
            if xTickLabels != nil && smaller >= textFloor(cr) {
                cairo_set_font_size(cr, smaller)
            } else {
                // Numbers, or categories that would shrink past the smallest readable text: every n-th label.
                if xTickLabels != nil { cairo_set_font_size(cr, min(12 * unit, textFloor(cr))) }
                let shown = ticks.map { textWidth(cr, $0.1) }.max() ?? 0
                every = max(1, Int(((shown + 8 * unit) / spacing).rounded(.up)))
            }
        }
        for (index, (value, label)) in ticks.enumerated() {
            let x = (scale.px(value)).rounded() + 0.5
            if xTickLabels == nil {
                cairo_set_source_rgb(cr, 0.9, 0.9, 0.9)
                cairo_move_to(cr, x, area.y)
                cairo_line_to(cr, x, area.bottom)
                cairo_stroke(cr)
            }
            guard index % every == 0 else { continue }
            cairo_set_source_rgb(cr, 0.2, 0.2, 0.2)
            showText(cr, label, centreX: x, baseline: area.bottom + 17 * unit)
        }
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
        cairo_rectangle(cr, area.x.rounded() + 0.5, area.y.rounded() + 0.5, area.width.rounded(), area.height.rounded())
        cairo_stroke(cr)
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
        if showsXLabel {
            // Centred under the data, as wide as the panel allows on both sides.
            let room = 2 * min(area.x + area.width / 2 - rect.x, rect.right - area.x - area.width / 2) - 8 * unit
            let shownXLabel = setFontSize(cr, 13 * unit, fitting: xLabel, in: room)
            showText(cr, shownXLabel, centreX: area.x + area.width / 2, baseline: area.bottom + 38 * unit)
        }
        if !yLabel.isEmpty && showsYLabel {
            let room = area.height + 24 * unit
            let shownYLabel = setFontSize(cr, 13 * unit, fitting: yLabel, in: room)
            showVerticalText(cr, shownYLabel, centreY: area.y + area.height / 2, baselineX: rect.x + 17 * unit)
        }
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

    /// Draws a series through its column extents; a value standing alone between gaps is drawn as a dot.
    private func drawSeries(
        _ cr: OpaquePointer, _ line: PlotSeries, _ extents: [ColumnExtent], _ scale: PanelScale, unit: Double
    ) {
        cairo_set_source_rgb(cr, line.colour.red, line.colour.green, line.colour.blue)
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
    /// The heatmap as one image of a pixel per cell, scaled to its extent without smoothing: no seams
    /// between cells at any scale, and one embedded image in a vector file rather than a rectangle a cell.
    private func drawHeatmap(_ cr: OpaquePointer, _ heatmap: PlotHeatmap, _ scale: PanelScale) {
        let rows = heatmap.values.count
        let columns = heatmap.values[0].count
        guard let image = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(columns), Int32(rows)) else { return }
        defer { cairo_surface_destroy(image) }
        guard cairo_surface_status(image) == CAIRO_STATUS_SUCCESS, let data = cairo_image_surface_get_data(image)
        else { return }
        cairo_surface_flush(image)
        let stride = Int(cairo_image_surface_get_stride(image))
        func byte(_ channel: Double) -> UInt32 { UInt32((min(max(channel, 0), 1) * 255).rounded()) }
        for r in 0..<rows {
            // The image's first row is the top one: the highest y, the last row of values.
            let row = UnsafeMutableRawPointer(data + r * stride).assumingMemoryBound(to: UInt32.self)
            for (c, value) in heatmap.values[rows - 1 - r].enumerated() {
                let colour = heatmap.colour(of: value)
                row[c] = 0xFF00_0000 | byte(colour.red) << 16 | byte(colour.green) << 8 | byte(colour.blue)
            }
        }
        cairo_surface_mark_dirty(image)
        let (left, right) = (scale.px(heatmap.x.lowerBound), scale.px(heatmap.x.upperBound))
        let (top, bottom) = (scale.py(heatmap.y.upperBound), scale.py(heatmap.y.lowerBound))
        cairo_save(cr)
        cairo_translate(cr, left, top)
        cairo_scale(cr, (right - left) / Double(columns), (bottom - top) / Double(rows))
        cairo_set_source_surface(cr, image, 0, 0)
        cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_NEAREST)
        cairo_rectangle(cr, 0, 0, Double(columns), Double(rows))
        cairo_fill(cr)
        cairo_restore(cr)
    }

    /// Each interval row: a thick bar from its lower to its upper end, a tick at the point estimate.
    private func drawIntervals(_ cr: OpaquePointer, _ intervals: PlotIntervals, _ scale: PanelScale, unit: Double) {
        let rows = Double(intervals.rows.count)
        let thickness = min(scale.area.height / rows * 0.45, 22 * unit)
        for (index, row) in intervals.rows.enumerated() {
            let y = scale.py(rows - 1 - Double(index))
            let c = row.colour
            if let interval = row.interval, let low = PlotValue.displayable(interval.lowerBound),
                let high = PlotValue.displayable(interval.upperBound)
            {
                let left = scale.px(low)
                let right = max(scale.px(high), left + 2 * unit)
                cairo_set_source_rgba(cr, c.red, c.green, c.blue, 0.75)
                cairo_rectangle(cr, left, y - thickness / 2, right - left, thickness)
                cairo_fill(cr)
            }
            guard let value = PlotValue.displayable(row.value) else { continue }
            let x = scale.px(value)
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
            cairo_set_line_width(cr, 2.5 * unit)
            cairo_move_to(cr, x, y - thickness / 2 - 3 * unit)
            cairo_line_to(cr, x, y + thickness / 2 + 3 * unit)
            cairo_stroke(cr)
        }
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

    /// The legend, at the place among the area's corners and edges that covers the fewest drawn points
    /// (matplotlib's "best"): lines with their band's shade, bars as swatches, reference lines dashed.
    private func drawLegend(_ cr: OpaquePointer, _ scale: PanelScale, extents: [[ColumnExtent]], unit: Double) {
        let entries = legendEntries
        guard !entries.isEmpty else { return }
        let area = scale.area
        cairo_set_font_size(cr, 12 * unit)
        let widest = entries.map { textWidth(cr, $0.0) }.max() ?? 0
        let rowHeight = 17 * unit
        let width = min(widest + 52 * unit, area.width - 8 * unit)
        let height = rowHeight * Double(entries.count) + 8 * unit
        let inset = 8 * unit
        let xs = [area.right - width - inset, area.x + inset, area.x + (area.width - width) / 2]
        let ys = [area.y + inset, area.bottom - height - inset, area.y + (area.height - height) / 2]
        // In matplotlib's order of preference: upper right, upper left, lower left, lower right, then the
        // middles of the edges, the centre last.
        let candidates = [(0, 0), (1, 0), (1, 1), (0, 1), (2, 0), (2, 1), (0, 2), (1, 2), (2, 2)].map {
            PlotRect(x: xs[$0.0], y: ys[$0.1], width: width, height: height)
        }
        let points = drawnPoints(scale, extents: extents)
        let box = candidates.min { a, b in
            points.filter { a.contains($0) }.count < points.filter { b.contains($0) }.count
        }!
        cairo_set_source_rgba(cr, 1, 1, 1, 0.9)
        cairo_rectangle(cr, box.x, box.y, box.width, box.height)
        cairo_fill_preserve(cr)
        cairo_set_source_rgb(cr, 0.8, 0.8, 0.8)
        cairo_set_line_width(cr, 1)
        cairo_stroke(cr)
        for (i, (label, colour, mark)) in entries.enumerated() {
            let y = box.y + 4 * unit + rowHeight * (Double(i) + 0.5)
            mark.draw(cr, colour: colour, x: box.x + 8 * unit, centreY: y, unit: unit)
            cairo_set_source_rgb(cr, 0.15, 0.15, 0.15)
            let shown = setFontSize(cr, 12 * unit, fitting: label, in: box.width - 46 * unit)
            cairo_move_to(cr, box.x + 42 * unit, y + 4 * unit)
            cairo_show_text(cr, shown)
        }
    }

    /// What the legend names: each line, bar group and reference line, in that order; lines of one meaning
    /// (the two termination angles) are named once, lines without a label not at all.
    var legendEntries: [(String, Colour, LegendMark)] {
        var named: Set<String> = []
        return
            (series.map {
                ($0.label, $0.colour, $0.values.count == 1 ? LegendMark.dot : LegendMark.line(band: $0.band != nil))
            }
            + bars.map { ($0.label, $0.colour, .swatch) } + references.map { ($0.label, $0.colour, .dashed) })
            .filter { !$0.0.isEmpty && named.insert($0.0).inserted }
    }

    /// Where the panel's data is drawn, as points in pixels: each line's pixel columns, its band's bounds,
    /// points over each bar's area, each interval row: what a legend should not cover.
    private func drawnPoints(_ scale: PanelScale, extents: [[ColumnExtent]]) -> [(x: Double, y: Double)] {
        var points: [(x: Double, y: Double)] = []
        for (line, columns) in zip(series, extents) {
            for extent in columns {
                let x = Double(extent.column) + 0.5
                points += stride(from: extent.low, through: extent.high, by: 4).map { (x, $0) } + [(x, extent.high)]
            }
            if let band = line.band {
                for (i, pair) in zip(band.lower, band.upper).enumerated() {
                    guard let x = PlotValue.displayable(line.xValue(i)), let low = PlotValue.displayable(pair.0),
                        let high = PlotValue.displayable(pair.1)
                    else { continue }
                    let (top, bottom) = (scale.py(high), scale.py(low))
                    points += stride(from: top, through: bottom, by: 6).map { (scale.px(x), $0) }
                }
            }
        }
        for group in bars {
            for bar in group.bars {
                guard let value = PlotValue.displayable(bar.value), !scale.logarithmic else { continue }
                let (left, right) = (scale.px(bar.x0), scale.px(bar.x1))
                let (top, bottom) = (min(scale.py(value), scale.py(0)), max(scale.py(value), scale.py(0)))
                for x in stride(from: left, through: right, by: 4) {
                    points += stride(from: top, through: bottom, by: 4).map { (x, $0) }
                }
            }
        }
        return points
    }
}

extension PlotRect {
    func contains(_ point: (x: Double, y: Double)) -> Bool {
        point.x >= x && point.x <= right && point.y >= y && point.y <= bottom
    }
}

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
