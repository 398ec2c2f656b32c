import CCairo
import Foundation
import OutputFiles

/// A figure: panels side by side on one white canvas (matplotlib's Figure of Axes). Every figure of the
/// tool is one of these: the training figure, the evaluation histogram, the comparison.
package struct PlotFigure: Sendable {
    package var panels: [PlotPanel]
    /// Panels per row (all in one row by default). At a size in inches the figure chooses the count that
    /// gives its panels the most room instead.
    package var columns: Int?
    /// One colour bar at the figure's right for panels that share a colour scale (their heatmaps then
    /// show none of their own).
    package var colourBar: PlotHeatmap?
    /// A line under the panels saying what the figure shows (a paper's caption, in the figure itself).
    package var caption: String?
    /// The panels' legends drawn once, in rows under the panels (each entry named once), instead of over
    /// each panel's data.
    package var legendBelow: Bool

    /// The panels share their axes: only the bottom row names x and the left column names y.
    package var sharesAxisLabels: Bool

    package init(
        panels: [PlotPanel], columns: Int? = nil, colourBar: PlotHeatmap? = nil, caption: String? = nil,
        legendBelow: Bool = false, sharesAxisLabels: Bool = false
    ) {
        self.panels = panels
        self.sharesAxisLabels = sharesAxisLabels
        self.columns = columns
        self.colourBar = colourBar
        self.caption = caption
        self.legendBelow = legendBelow
    }

    /// Draws the figure on a canvas of `width` x `height` pixels; text and margins scale with the panels'
    /// size (1 at 667x500).
    package func render(width: Int, height: Int) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        draw(on: canvas.context, width: Double(width), height: Double(height), minimumText: nil)
        try canvas.checkStatus("drawing a figure")
        return canvas
    }

    /// The figure as a file of `format` at `size`. At a size in inches it is drawn in points (a PNG at the
    /// size's dpi) with no text smaller than `FigureSize.minimumTextPoints`.
    package func encoded(_ format: FigureFormat, size: FigureSize) throws -> Data {
        let points = size.pointSize
        let minimumText = size.smallestText
        switch format {
        case .png:
            guard case .inches(_, _, let dpi) = size else {
                return try render(width: size.pixelSize.width, height: size.pixelSize.height).pngData()
            }
            let pixels = size.pixelSize
            let canvas = try Canvas(width: pixels.width, height: pixels.height)
            cairo_scale(canvas.context, Double(dpi) / 72, Double(dpi) / 72)
            draw(on: canvas.context, width: points.width, height: points.height, minimumText: minimumText)
            try canvas.checkStatus("drawing a figure")
            return try canvas.pngData()
        case .svg, .pdf:
            let surface = try VectorSurface(format, width: points.width, height: points.height)
            draw(on: surface.context, width: points.width, height: points.height, minimumText: minimumText)
            return try surface.finish()
        }
    }

    /// Writes the figure as a file of `format` at `size` to `url`, atomically (`AtomicFile`).
    package func write(_ format: FigureFormat, size: FigureSize, to url: URL) throws {
        let data = try encoded(format, size: size)
        do { try AtomicFile.write(data, to: url) } catch {
            throw RenderError("writing \(url.relativePath)", reason: error.reason)
        }
    }

    /// Draws the panels row by row on `cr` in a `width` x `height` area of its user space; `minimumText`,
    /// when given, is the smallest text in those units.
    func draw(on cr: OpaquePointer, width: Double, height: Double, minimumText: Double?) {
        if let minimumText { setTextFloor(cr, minimumText) }
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let (placed, strip, legendRows, captionLines) = layout(
            cr, width: width, height: height, minimumText: minimumText)
        for (panel, rect, unit) in placed { panel.draw(on: cr, in: rect, unit: unit) }
        guard let unit = placed.first?.2 else { return }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        if let colourBar {
            colourBar.drawColourBar(
                cr, x: strip + 4 * unit,
                area: PlotRect(
                    x: strip, y: 38 * unit, width: 0,
                    height: height - bottomRoom(unit, legendRows.count, captionLines.count) - 90 * unit),
                unit: unit)
        }
        cairo_set_font_size(cr, 12 * unit)
        let legendTop = height - bottomRoom(unit, legendRows.count, captionLines.count) + 4 * unit
        for (row, entries) in legendRows.enumerated() {
            let y = legendTop + (Double(row) + 0.5) * 18 * unit
            var x = (width - legendRowWidth(cr, entries, unit)) / 2
            for (label, colour, mark) in entries {
                mark.draw(cr, colour: colour, x: x, centreY: y, unit: unit)
                cairo_set_source_rgb(cr, 0.15, 0.15, 0.15)
                cairo_move_to(cr, x + 32 * unit, y + 4 * unit)
                cairo_show_text(cr, label)
                x += legendEntryWidth(cr, label, unit)
            }
        }
        cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
        for (i, line) in captionLines.reversed().enumerated() {
            cairo_move_to(cr, 10 * unit, height - 8 * unit - Double(i) * 16 * unit)
            cairo_show_text(cr, line)
        }
    }

    /// Where each panel draws its data at this pixel size (nil for a panel with none), as `render` lays it out.
    package func dataAreas(width: Int, height: Int) throws -> [PlotRect?] {
        try dataAreas(.pixels(width: width, height: height))
    }

    /// Where each panel draws its data at `size` (nil for a panel with none), in the units it is drawn in
    /// (pixels, or points for a size in inches).
    package func dataAreas(_ size: FigureSize) throws -> [PlotRect?] {
        let canvas = try Canvas(width: 2, height: 2)
        let minimumText = size.smallestText
        if let minimumText { setTextFloor(canvas.context, minimumText) }
        let points = size.pointSize
        return layout(canvas.context, width: points.width, height: points.height, minimumText: minimumText).panels.map {
            $0.dataArea(canvas.context, in: $1, unit: $2)
        }
    }

    /// The room under the panels: 18 units for each row of the legend and 16 for each line of the caption.
    private func bottomRoom(_ unit: Double, _ legendRows: Int, _ captionLines: Int) -> Double {
        ((legendRows == 0 ? 0 : 18 * Double(legendRows) + 8) + (captionLines == 0 ? 0 : 16 * Double(captionLines) + 8))
            * unit
    }

    /// The caption broken into lines of whole words that fit `width` at text unit `unit`.
    private func captionLines(_ cr: OpaquePointer, width: Double, unit: Double) -> [String] {
        guard let caption else { return [] }
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 12 * unit)
        var lines: [String] = []
        for word in caption.split(separator: " ") {
            if let last = lines.last, textWidth(cr, last + " " + word) <= width - 20 * unit {
                lines[lines.count - 1] = last + " " + word
            } else {
                lines.append(String(word))
            }
        }
        return lines
    }

    /// The entries of the legend under the panels: those of every panel that shows one, each name once.
    private var sharedLegend: [(String, Colour, LegendMark)] {
        guard legendBelow else { return [] }
        var named: Set<String> = []
        return panels.filter(\.showsLegend).flatMap(\.legendEntries).filter { named.insert($0.0).inserted }
    }

    /// The width an entry of the shared legend takes: its mark, its label and a gap.
    private func legendEntryWidth(_ cr: OpaquePointer, _ label: String, _ unit: Double) -> Double {
        32 * unit + textWidth(cr, label) + 18 * unit
    }

    private func legendRowWidth(_ cr: OpaquePointer, _ entries: [(String, Colour, LegendMark)], _ unit: Double)
        -> Double
    {
        entries.reduce(0) { $0 + legendEntryWidth(cr, $1.0, unit) } - 18 * unit
    }

    /// The shared legend's entries in rows that fit `width`, at text unit `unit`.
    private func legendRows(_ cr: OpaquePointer, width: Double, unit: Double) -> [[(String, Colour, LegendMark)]] {
        cairo_save(cr)
        defer { cairo_restore(cr) }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(cr, 12 * unit)
        var rows: [[(String, Colour, LegendMark)]] = []
        var used = Double.infinity
        for (label, colour, mark) in sharedLegend {
            // An entry wider than the figure ends in an ellipsis.
            let entry = (ellipsized(cr, label, width: width - 70 * unit), colour, mark)
            let entryWidth = legendEntryWidth(cr, entry.0, unit)
            if used + entryWidth > width - 20 * unit || rows.isEmpty {
                rows.append([entry])
                used = entryWidth
            } else {
                rows[rows.count - 1].append(entry)
                used += entryWidth
            }
        }
        return rows
    }

    /// Each panel with its rectangle and text unit, where the shared colour bar's strip starts, and the rows
    /// of the legend and lines of the caption under the panels. Text scales with the panels (a unit of 1 for
    /// a panel of 333x500); with `minimumText` it is never smaller than that (tick labels are 12 units), and
    /// the panels are arranged in the columns that leave the smallest data area its largest side.
    private func layout(_ cr: OpaquePointer, width: Double, height: Double, minimumText: Double?) -> (
        panels: [(PlotPanel, PlotRect, Double)], strip: Double, legendRows: [[(String, Colour, LegendMark)]],
        captionLines: [String]
    ) {
        let count = max(panels.count, 1)
        func placement(columns: Int) -> (
            panels: [(PlotPanel, PlotRect, Double)], strip: Double, legendRows: [[(String, Colour, LegendMark)]],
            captionLines: [String]
        ) {
            let rows = (count + columns - 1) / columns
            // The room under the panels, found from the unit without it (the unit only shrinks).
            let first = min(width / Double(columns) / 333.5, height / Double(rows) / 500)
            let text = max(first, (minimumText ?? 0) / 12)
            let below = bottomRoom(
                first, legendRows(cr, width: width, unit: text).count, captionLines(cr, width: width, unit: text).count)
            let fitted = min(
                (colourBar == nil ? width : width - 100 * first) / Double(columns) / 333.5,
                (height - below) / Double(rows) / 500)
            let unit = max(fitted, (minimumText ?? 0) / 12)
            let legend = legendRows(cr, width: width, unit: unit)
            let lines = captionLines(cr, width: width, unit: unit)
            let strip = colourBar == nil ? width : width - 100 * unit
            let panelsHeight = height - bottomRoom(unit, legend.count, lines.count)
            // Panels in one row (or one column) take their shares of it; in a grid, equal cells.
            let shares = panels.map { rows == 1 || columns == 1 ? $0.share : 1 }
            let total = shares.reduce(0, +)
            var offset = 0.0
            let placed = panels.enumerated().map { i, panel in
                var panel = panel
                panel.legendOutside = legendBelow
                if sharesAxisLabels {
                    panel.showsYLabel = i % columns == 0
                    panel.showsXLabel = i + columns >= panels.count
                }
                let rect: PlotRect
                if rows == 1 {
                    rect = PlotRect(x: offset, y: 0, width: strip * shares[i] / total, height: panelsHeight)
                    offset += rect.width
                } else if columns == 1 {
                    rect = PlotRect(x: 0, y: offset, width: strip, height: panelsHeight * shares[i] / total)
                    offset += rect.height
                } else {
                    let (cellWidth, cellHeight) = (strip / Double(columns), panelsHeight / Double(rows))
                    rect = PlotRect(
                        x: Double(i % columns) * cellWidth, y: Double(i / columns) * cellHeight, width: cellWidth,
                        height: cellHeight)
                }
                return (panel, rect, unit)
            }
            return (placed, strip, legend, lines)
        }
        guard minimumText != nil else { return placement(columns: max(1, min(columns ?? count, count))) }
        // The smallest side of the smallest data area, for each choice of columns.
        func smallestSide(_ placed: [(PlotPanel, PlotRect, Double)]) -> Double {
            placed.map { panel, rect, unit in
                panel.dataArea(cr, in: rect, unit: unit).map { min($0.width, $0.height) } ?? 0
            }.min() ?? 0
        }
        let placements = (1...count).map(placement)
        return placements.max { smallestSide($0.panels) < smallestSide($1.panels) } ?? placements[0]
    }
}
