/// A rectangle in canvas pixels.
public struct PlotRect: Sendable, Equatable {
    public var x, y, width, height: Double
    public var right: Double { x + width }
    public var bottom: Double { y + height }
}

extension PlotRect {
    func contains(_ point: (x: Double, y: Double)) -> Bool {
        point.x >= x && point.x <= right && point.y >= y && point.y <= bottom
    }
}
