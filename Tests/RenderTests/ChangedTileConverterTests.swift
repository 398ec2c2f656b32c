import CCairo
import Foundation
import Testing

@testable import Render

@Suite struct ChangedTileConverterTests {
    /// One plane of a frame (0 = Y, 1 = U, 2 = V), row by row, as bytes.
    func plane(_ frame: VideoPicture, _ index: Int) -> [UInt8] {
        let shift = index == 0 ? 0 : 1
        return frame.withPlanes { planes, strides in
            (0..<(frame.height >> shift)).flatMap { y in
                (0..<(frame.width >> shift)).map { x in planes[index]![y * Int(strides[index]) + x] }
            }
        }
    }

    @Test func onlyChangedTilesAreConvertedAndTheResultMatchesAWholeConversion() throws {
        let frame = try CartPoleRenderer()
        let tiles = ChangedTileConverter(width: 600, height: 400, sourceStride: frame.canvas.stride)
        let whole = try FrameConverter(width: 600, height: 400, sourceStride: frame.canvas.stride)
        let incremental = try VideoPicture(width: 600, height: 400)
        let reference = try VideoPicture(width: 600, height: 400)
        for step in 0..<6 {
            try frame.draw(CartPolePose(cartPosition: Double(step) * 0.05, poleAngle: 0.03 * Double(step)))
            try frame.canvas.withPixels { try tiles.convert(bgra: $0.baseAddress!, into: incremental) }
            if step == 0 {
                #expect(tiles.lastConvertedTiles == tiles.tileCount)
            } else {
                #expect(
                    tiles.lastConvertedTiles > 0 && tiles.lastConvertedTiles < tiles.tileCount / 4,
                    "\(tiles.lastConvertedTiles) of \(tiles.tileCount) tiles")
            }
        }
        try whole.convert(frame.canvas, into: reference)
        // Luma is computed per pixel, so tiles and whole frames agree exactly.
        let a = plane(incremental, 0)
        let b = plane(reference, 0)
        let differing = zip(a, b).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(
            differing.isEmpty,
            "\(differing.count) luma samples differ, first at \(differing.prefix(5).map { ($0 % 600, $0 / 600) })")
        // Chroma may shift a little along tile edges where colour crosses them.
        for index in 1...2 {
            let largest =
                zip(plane(incremental, index), plane(reference, index)).map { abs(Int($0) - Int($1)) }.max() ?? 0
            #expect(largest <= 16, "chroma plane \(index) differs by up to \(largest)")
        }
        // Nothing changed: nothing converted.
        try frame.canvas.withPixels { try tiles.convert(bgra: $0.baseAddress!, into: incremental) }
        #expect(tiles.lastConvertedTiles == 0)
    }

    /// Regions that hold every change give the same picture as finding the changes by comparison, and tiles
    /// outside them are neither compared nor converted, even where the pixels differ.
    @Test func regionsThatHoldTheChangesGiveTheSamePicture() throws {
        let frame = try CartPoleRenderer()
        let stride = frame.canvas.stride
        let hinted = ChangedTileConverter(width: 600, height: 400, sourceStride: stride)
        let searched = ChangedTileConverter(width: 600, height: 400, sourceStride: stride)
        let a = try VideoPicture(width: 600, height: 400)
        let b = try VideoPicture(width: 600, height: 400)
        for step in 0..<5 {
            try frame.draw(CartPolePose(cartPosition: Double(step) * 0.1, poleAngle: -0.02 * Double(step)))
            // The cart and pole stay within x 250...420, y 150...320 at these poses (the scene's 600x400).
            let regions = [PixelRegion(x: 250, y: 150, width: 170, height: 170)]
            try frame.canvas.withPixels { try hinted.convert(bgra: $0.baseAddress!, into: a, within: regions) }
            try frame.canvas.withPixels { try searched.convert(bgra: $0.baseAddress!, into: b) }
            if step > 0 { #expect(hinted.lastConvertedTiles == searched.lastConvertedTiles) }
            for index in 0...2 {
                let same = plane(a, index) == plane(b, index)
                #expect(same, "plane \(index) at step \(step)")
            }
        }
        // A change outside the regions is not looked at.
        try frame.draw(CartPolePose(cartPosition: -2, poleAngle: 0))
        try frame.canvas.withPixels {
            try hinted.convert(
                bgra: $0.baseAddress!, into: a, within: [PixelRegion(x: 590, y: 0, width: 10, height: 10)])
        }
        #expect(hinted.lastConvertedTiles == 0)
    }
}
