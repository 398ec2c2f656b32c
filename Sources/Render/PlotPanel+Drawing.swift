import CCairo
import Foundation

extension PlotPanel {
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
}
