import CCairo

/// A figure: panels side by side on one white canvas (matplotlib's Figure of Axes). Every figure of the
/// tool is one of these: the training figure, the evaluation histogram, the comparison.
public struct PlotFigure: Sendable {
    public var panels: [PlotPanel]

    public init(panels: [PlotPanel]) { self.panels = panels }

    /// Draws the panels in a row; text and margins scale with the size (1 at 2000x500 for three panels).
    public func render(width: Int, height: Int) throws -> Canvas {
        let canvas = try Canvas(width: width, height: height)
        let cr = canvas.context
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        let panelWidth = Double(width) / Double(max(panels.count, 1))
        let unit = min(panelWidth / 667 * 2, Double(height) / 500)
        for (i, panel) in panels.enumerated() {
            panel.draw(on: cr, in: PlotRect(x: Double(i) * panelWidth, y: 0, width: panelWidth, height: Double(height)), unit: unit)
        }
        try canvas.checkStatus("drawing a figure")
        return canvas
    }
}
