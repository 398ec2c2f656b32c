import CCairo

/// A figure: panels side by side on one white canvas (matplotlib's Figure of Axes). Every figure of the
/// tool is one of these: the training figure, the evaluation histogram, the comparison.
public struct PlotFigure: Sendable {
    public var panels: [PlotPanel]
    /// Panels per row (all in one row by default).
    public var columns: Int?

    public init(panels: [PlotPanel], columns: Int? = nil) {
        self.panels = panels
        self.columns = columns
    }

    /// Draws the panels row by row; text and margins scale with the panels' size (1 at 667x500).
    public func render(width: Int, height: Int) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let cr = canvas.context
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let columns = max(1, min(columns ?? panels.count, max(panels.count, 1)))
        let rows = max(1, (panels.count + columns - 1) / columns)
        let panelWidth = Double(width) / Double(columns)
        let panelHeight = Double(height) / Double(rows)
        let unit = min(panelWidth / 667 * 2, panelHeight / 500)
        for (i, panel) in panels.enumerated() {
            let rect = PlotRect(
                x: Double(i % columns) * panelWidth, y: Double(i / columns) * panelHeight, width: panelWidth,
                height: panelHeight)
            panel.draw(on: cr, in: rect, unit: unit)
        }
        try canvas.checkStatus("drawing a figure")
        return canvas
    }
}
