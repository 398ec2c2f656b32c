import CCairo

/// A figure: panels side by side on one white canvas (matplotlib's Figure of Axes). Every figure of the
/// tool is one of these: the training figure, the evaluation histogram, the comparison.
public struct PlotFigure: Sendable {
    public var panels: [PlotPanel]
    /// Panels per row (all in one row by default).
    public var columns: Int?
    /// One colour bar at the figure's right for panels that share a colour scale (their heatmaps then
    /// show none of their own).
    public var colourBar: PlotHeatmap?
    /// A line under the panels saying what the figure shows (a paper's caption, in the figure itself).
    public var caption: String?

    public init(panels: [PlotPanel], columns: Int? = nil, colourBar: PlotHeatmap? = nil, caption: String? = nil) {
        self.panels = panels
        self.columns = columns
        self.colourBar = colourBar
        self.caption = caption
    }

    /// Draws the panels row by row; text and margins scale with the panels' size (1 at 667x500).
    public func render(width: Int, height: Int) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let cr = canvas.context
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let (placed, strip) = layout(width: width, height: height)
        for (panel, rect, unit) in placed { panel.draw(on: cr, in: rect, unit: unit) }
        if let colourBar, let unit = placed.first?.2 {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            colourBar.drawColourBar(
                cr, x: strip + 4 * unit,
                area: PlotRect(x: strip, y: 38 * unit, width: 0, height: Double(height) - 90 * unit), unit: unit)
        }
        if let caption, let unit = placed.first?.2 {
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, 12 * unit)
            cairo_set_source_rgb(cr, 0.25, 0.25, 0.25)
            cairo_move_to(cr, 10 * unit, Double(height) - 8 * unit)
            cairo_show_text(cr, caption)
        }
        try canvas.checkStatus("drawing a figure")
        return canvas
    }

    /// Where each panel draws its data at this size (nil for a panel with none), as `render` lays it out.
    public func dataAreas(width: Int, height: Int) throws -> [PlotRect?] {
        let canvas = try Canvas(width: 2, height: 2)
        return layout(width: width, height: height).panels.map { $0.dataArea(canvas.context, in: $1, unit: $2) }
    }

    /// Each panel with its rectangle and text unit, and where the shared colour bar's strip starts.
    private func layout(width: Int, height: Int) -> (panels: [(PlotPanel, PlotRect, Double)], strip: Double) {
        let columns = max(1, min(columns ?? panels.count, max(panels.count, 1)))
        let rows = max(1, (panels.count + columns - 1) / columns)
        // A caption takes the bottom 24/500 of the height: a line of text at most 12 units high, as a unit is
        // at most height/500.
        let captioned = caption == nil ? Double(height) : Double(height) * (1 - 24.0 / 500)
        let panelHeight = captioned / Double(rows)
        var panelWidth = Double(width) / Double(columns)
        var unit = min(panelWidth / 667 * 2, panelHeight / 500)
        var strip = Double(width)
        if colourBar != nil {
            strip -= 100 * unit
            panelWidth = strip / Double(columns)
            unit = min(panelWidth / 667 * 2, panelHeight / 500)
        }
        let placed = panels.enumerated().map { i, panel in
            let rect = PlotRect(
                x: Double(i % columns) * panelWidth, y: Double(i / columns) * panelHeight, width: panelWidth,
                height: panelHeight)
            return (panel, rect, unit)
        }
        return (placed, strip)
    }
}
