import CCairo
import Foundation

/// How a panel draws its data: lines (reduced to pixel columns), bands, bars, interval rows, heatmaps and
/// reference lines.
extension PlotPanel {
    /// A reference line across the data area, dashed: horizontal at a y value, or vertical at an x value.
    func drawReference(_ cr: OpaquePointer, _ reference: ReferenceLine, _ scale: PanelScale, unit: Double) {
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

    /// One pixel column of a series: the extent of the values that fall in it (in pixels), the first and
    /// last of them, and whether a gap (a non-finite value) comes before it.
    struct ColumnExtent {
        var column: Int
        var low, high, first, last: Double
        var afterGap: Bool
    }

    /// The series reduced to the minimum and maximum of each pixel column, so long series stay fast and
    /// keep their spikes; non-finite values (and non-positive ones on a log axis) make gaps.
    func columnExtents(_ line: PlotSeries, _ scale: PanelScale) -> [ColumnExtent] {
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
    func drawSeries(
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
    func drawDense(_ cr: OpaquePointer, _ extents: [ColumnExtent], lineWidth: Double) {
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
    func drawBand(_ cr: OpaquePointer, _ band: PlotBand, of line: PlotSeries, _ scale: PanelScale) {
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
    func drawHeatmap(_ cr: OpaquePointer, _ heatmap: PlotHeatmap, _ scale: PanelScale) {
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
    func drawIntervals(_ cr: OpaquePointer, _ intervals: PlotIntervals, _ scale: PanelScale, unit: Double) {
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
    func drawBars(_ cr: OpaquePointer, _ group: PlotBars, _ scale: PanelScale, unit: Double) {
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
}
