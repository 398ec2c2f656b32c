/// A rectangle in canvas pixels.
package struct PlotRect: Sendable, Equatable {
    package var x, y, width, height: Double
    package var right: Double { x + width }
    package var bottom: Double { y + height }
}

extension PlotRect {
    func contains(_ point: (x: Double, y: Double)) -> Bool {
        point.x >= x && point.x <= right && point.y >= y && point.y <= bottom
    }
}
