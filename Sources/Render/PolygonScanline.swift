/// The pixels pygame's `gfxdraw.filled_polygon` fills, as runs of one row each, so that our polygons
/// cover exactly the pixels of Gymnasium's renders.
///
/// pygame truncates every vertex coordinate to an integer (C's `(int)` cast, towards zero), then fills with
/// SDL_gfx's `filledPolygonRGBAMT`: for each row between the lowest and highest vertex, the edges crossing
/// it give 16.16 fixed-point intersections, sorted and paired, and each pair is one horizontal run whose
/// ends are rounded inwards by one fixed-point unit. This reproduces that arithmetic.
enum PolygonScanline {
    /// One filled run: the pixels `x0...x1` of row `y`, in the polygon's own coordinates.
    struct Run: Equatable {
        var y: Int, x0: Int, x1: Int
    }

    /// Vertex coordinates further out than this are clamped: far beyond any surface, and far from overflow.
    static let coordinateLimit = 1 << 14

    /// pygame's conversion of a float coordinate: truncation towards zero (NaN becomes 0, infinities clamp).
    static func pixel(_ value: Double) -> Int {
        guard !value.isNaN else { return 0 }
        let limit = Double(coordinateLimit)
        return Int(min(max(value, -limit), limit).rounded(.towardZero))
    }

    /// The runs that fill the polygon with the given integer vertices (at least three).
    static func runs(_ vertices: [(x: Int, y: Int)]) -> [Run] {
        guard vertices.count >= 3, let minY = vertices.map(\.y).min(), let maxY = vertices.map(\.y).max() else {
            return []
        }
        var runs: [Run] = []
        var crossings: [Int] = []
        for y in minY...maxY {
            crossings.removeAll(keepingCapacity: true)
            for i in vertices.indices {
                let a = vertices[i == 0 ? vertices.count - 1 : i - 1]
                let b = vertices[i]
                guard a.y != b.y else { continue }
                let (low, high) = a.y < b.y ? (a, b) : (b, a)
                if (y >= low.y && y < high.y) || (y == maxY && y > low.y && y <= high.y) {
                    crossings.append((65536 * (y - low.y)) / (high.y - low.y) * (high.x - low.x) + 65536 * low.x)
                }
            }
            crossings.sort()
            for pair in stride(from: 0, to: crossings.count - 1, by: 2) {
                let a = crossings[pair] + 1
                let b = crossings[pair + 1] - 1
                let x0 = (a >> 16) + ((a & 32768) >> 15)
                let x1 = (b >> 16) + ((b & 32768) >> 15)
                // SDL_gfx's hline swaps reversed ends.
                runs.append(Run(y: y, x0: min(x0, x1), x1: max(x0, x1)))
            }
        }
        return runs
    }
}
