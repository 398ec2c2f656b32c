import Foundation

/// Converts a sequence of BGRA pictures to yuv420p, redoing only the tiles that changed since the
/// previous picture: CartPole's background never changes, so most of a frame is converted once.
///
/// The yuv420p picture must keep its contents between calls (`VideoPicture.makeWritable` copies them if the
/// encoder still holds the buffer). Tiles are converted independently, which can shift chroma by a few
/// levels along tile edges where colour crosses them; the decoded frames stay above 35 dB PSNR.
package final class ChangedTileConverter {
    package let width: Int
    package let height: Int
    package let sourceStride: Int
    let tileWidth: Int
    let tileHeight = 16
    /// One converter per shape of a run of tiles (the right and bottom edges may be narrower).
    private var converters: [Int: FrameConverter] = [:]
    /// The picture as last converted, to find what changed.
    private var previous: UnsafeMutablePointer<UInt8>
    private var hasPrevious = false
    /// Tiles converted by the last call, for tests and benchmarks.
    package private(set) var lastConvertedTiles = 0

    package init(width: Int, height: Int, sourceStride: Int) {
        precondition(width % 2 == 0 && height % 2 == 0, "yuv420p needs even sizes")
        self.width = width
        self.height = height
        self.sourceStride = sourceStride
        // 32 pixels: small enough to skip most of the background, and a multiple of 16 so that each tile
        // starts where libswscale's 8-pixel dither pattern and its vector stores are aligned as in a whole frame.
        tileWidth = 32
        previous = .allocate(capacity: sourceStride * height)
    }

    deinit { previous.deallocate() }

    package var tileCount: Int { ((width + tileWidth - 1) / tileWidth) * ((height + tileHeight - 1) / tileHeight) }

    private func converter(width w: Int, height h: Int) throws -> FrameConverter {
        let key = w << 32 | h
        if let existing = converters[key] { return existing }
        let made = try FrameConverter(width: w, height: h, sourceStride: sourceStride)
        converters[key] = made
        return made
    }

    /// Converts the tiles that changed since the previous call (all of them the first time). `regions`, when
    /// given, holds every pixel that may have changed (what the caller repainted): tiles outside them are not
    /// even compared.
    package func convert(bgra: UnsafePointer<UInt8>, into frame: VideoPicture, within regions: [PixelRegion]? = nil)
        throws
    {
        let regions = hasPrevious ? regions : nil
        precondition(frame.width == width && frame.height == height, "the frame must have the converter's size")
        lastConvertedTiles = 0
        for y in stride(from: 0, to: height, by: tileHeight) {
            let h = min(tileHeight, height - y)
            // Most bands of rows are background, unchanged: outside the regions, or found by one comparison per
            // row of pixels, before any tile of the band is looked at.
            if let regions {
                guard regions.contains(where: { $0.intersects(x: 0, y: y, width: width, height: h) }) else { continue }
            } else if hasPrevious && !tileChanged(bgra, x: 0, y: y, width: width, height: h) {
                continue
            }
            func changed(_ x: Int) -> Bool {
                guard hasPrevious else { return true }
                let w = min(tileWidth, width - x)
                if let regions, !regions.contains(where: { $0.intersects(x: x, y: y, width: w, height: h) }) {
                    return false
                }
                return tileChanged(bgra, x: x, y: y, width: w, height: h)
            }
            // Each run of neighbouring changed tiles is converted by one call: libswscale's cost is mostly
            // per call at these sizes.
            var x = 0
            while x < width {
                guard changed(x) else {
                    x += tileWidth
                    continue
                }
                var end = x + tileWidth
                while end < width && changed(end) {
                    end += tileWidth
                }
                let w = min(end, width) - x
                try converter(width: w, height: h).convertTile(bgra: bgra, x: x, y: y, into: frame)
                for row in y..<(y + h) {
                    (previous + row * sourceStride + x * 4).update(
                        from: bgra + row * sourceStride + x * 4, count: w * 4)
                }
                lastConvertedTiles += (w + tileWidth - 1) / tileWidth
                x = end
            }
        }
        hasPrevious = true
    }

    /// Whether the rectangle's pixels differ from the previous picture's (a tile, or a whole band of rows).
    private func tileChanged(_ bgra: UnsafePointer<UInt8>, x: Int, y: Int, width w: Int, height h: Int) -> Bool {
        for row in y..<(y + h) {
            let offset = row * sourceStride + x * 4
            if memcmp(bgra + offset, previous + offset, w * 4) != 0 { return true }
        }
        return false
    }
}
