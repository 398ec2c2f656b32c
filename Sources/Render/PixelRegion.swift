/// A rectangle of whole pixels of a canvas: what a recorder repainted, so that the encoder's converter
/// looks for changes only there.
package struct PixelRegion: Sendable, Equatable {
    package var x: Int, y: Int, width: Int, height: Int

    package init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// The smallest region of whole pixels that holds a rectangle given in (possibly fractional) pixels.
    package init(covering x: Double, _ y: Double, _ width: Double, _ height: Double) {
        let x0 = Int(x.rounded(.down))
        let y0 = Int(y.rounded(.down))
        self.init(x: x0, y: y0, width: Int((x + width).rounded(.up)) - x0, height: Int((y + height).rounded(.up)) - y0)
    }

    /// Whether the region and the rectangle at (x, y) of the given size share a pixel.
    func intersects(x: Int, y: Int, width: Int, height: Int) -> Bool {
        self.x < x + width && x < self.x + self.width && self.y < y + height && y < self.y + self.height
    }
}
