import CCairo
import Foundation

/// Where a panel's legend goes and what it says.
extension PlotPanel {
    /// The legend, at the place among the area's corners and edges that covers the fewest drawn points
    /// (matplotlib's "best"): lines with their band's shade, bars as swatches, reference lines dashed.
    func drawLegend(_ cr: OpaquePointer, _ scale: PanelScale, extents: [[ColumnExtent]], unit: Double) {
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
        let box =
            candidates.min { a, b in
                points.filter { a.contains($0) }.count < points.filter { b.contains($0) }.count
            } ?? candidates[0]
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
    func drawnPoints(_ scale: PanelScale, extents: [[ColumnExtent]]) -> [(x: Double, y: Double)] {
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
