import Foundation
import TestSupport
import Testing

@testable import Render

@Suite struct GridRecorderTests {
    @Test func theLayoutDrawsTheSceneLargest() {
        let four = GridRecorder.Layout(count: 4, width: 1200, height: 800)
        #expect(four.columns == 2 && four.rows == 2 && four.tileWidth == 600 && four.tileHeight == 400)
        let three = GridRecorder.Layout(count: 3, width: 1200, height: 400)
        #expect(three.columns == 3 && three.rows == 1 && three.tileWidth == 400 && three.tileHeight == 400)
        let ten = GridRecorder.Layout(count: 10, width: 1280, height: 720)
        #expect(ten.columns * ten.rows >= 10 && ten.tileWidth * ten.columns <= 1280 && ten.tileHeight * ten.rows <= 720)
        #expect(ten.origin(ten.columns) == (ten.originX, ten.originY + ten.tileHeight))
    }

    /// Below its label, a tile holds exactly what a single-agent frame of the same state shows at the
    /// tile's size; an ended tile holds its last state, dimmed.
    /// Four tiles fill a 2x2 grid; three leave a cell unused, grey, which must not be painted over the tiles.
    @Test(arguments: [4, 3])
    func tilesAreSingleFramesScaledAndEndedTilesAreDimmed(count: Int) throws {
        let folder = try Fixtures.temporaryDirectory("grid")
        let recorder = try GridRecorder(
            url: folder.appendingPathComponent("grid.mp4"), tiles: count, width: 640, height: 480)
        let poses = Array(
            [
                CartPolePose(cartPosition: -1, poleAngle: 0.15), CartPolePose(cartPosition: 0.5, poleAngle: -0.05),
                CartPolePose(cartPosition: 2, poleAngle: 0.3), CartPolePose(cartPosition: 0, poleAngle: 0),
            ].prefix(count))
        func tiles(ended: Bool) -> [GridRecorder.Tile] {
            poses.enumerated().map { i, pose in
                GridRecorder.Tile(
                    pose: pose, name: "agent \(i)", step: 7, returnSoFar: 7,
                    ending: ended && i == 2 ? EpisodeEnding("fell at step 7", success: false) : nil)
            }
        }
        try recorder.append(tiles(ended: false))
        let layout = recorder.layout
        let single = try CartPoleRenderer(width: layout.tileWidth, height: layout.tileHeight)
        let labelRows = 30
        func region(_ canvas: Canvas, _ originX: Int, _ originY: Int) -> [UInt8] {
            canvas.withPixels { pixels in
                (labelRows..<(layout.tileHeight - 1)).flatMap { y in
                    (0..<(layout.tileWidth - 1)).flatMap { x -> [UInt8] in
                        let o = (originY + y) * canvas.stride + (originX + x) * 4
                        return [pixels[o], pixels[o + 1], pixels[o + 2]]
                    }
                }
            }
        }
        var plain: [[UInt8]] = []
        for (i, pose) in poses.enumerated() {
            try single.draw(pose)
            let origin = layout.origin(i)
            let tile = region(recorder.canvas, origin.x, origin.y)
            // A Bool: a failed comparison of arrays this long is slow to explain.
            let same = tile == region(single.canvas, 0, 0)
            #expect(same, "tile \(i) is the single-agent frame")
            plain.append(tile)
        }
        // Frames after the first repaint only what moved; the tiles must still be whole single frames.
        var moving = poses
        for k in 1...6 {
            moving = moving.enumerated().map { i, pose in
                CartPolePose(
                    cartPosition: pose.cartPosition + 0.3 * Double(k) * (i % 2 == 0 ? 1 : -1),
                    poleAngle: -pose.poleAngle * 0.9)
            }
            try recorder.append(
                moving.enumerated().map { i, pose in
                    GridRecorder.Tile(pose: pose, name: "agent \(i)", step: 7 + k, returnSoFar: 7)
                })
        }
        for (i, pose) in moving.enumerated() {
            try single.draw(pose)
            let origin = layout.origin(i)
            let same = region(recorder.canvas, origin.x, origin.y) == region(single.canvas, 0, 0)
            #expect(same, "tile \(i) after moving frames")
        }
        try recorder.append(tiles(ended: false))
        try recorder.append(tiles(ended: true))
        let origin = layout.origin(2)
        let dimmed = region(recorder.canvas, origin.x, origin.y)
        let changed = dimmed != plain[2]
        #expect(changed)
        // Dimmed: the same state under a white veil, so below the ending's text (at mid-height) no pixel is
        // darker than it was, and the cart and track are lighter.
        // The ending's text sits on the middle row; its descenders reach a few rows below it.
        let below = (layout.tileHeight / 2 + 24 - labelRows) * (layout.tileWidth - 1) * 3
        #expect(zip(dimmed[below...], plain[2][below...]).allSatisfy { $0 >= $1 })
        #expect(zip(dimmed[below...], plain[2][below...]).contains { $0 > $1 })
        try recorder.append(tiles(ended: true))
        let held = region(recorder.canvas, origin.x, origin.y) == dimmed
        #expect(held, "an ended tile holds its last frame")
        for i in [0, 1, 3] where i < count {
            let same = region(recorder.canvas, layout.origin(i).x, layout.origin(i).y) == plain[i]
            #expect(same, "tile \(i) is unchanged")
        }
        if count == 3 {
            // The unused cell stays grey.
            let cell = layout.origin(3)
            #expect(region(recorder.canvas, cell.x, cell.y).allSatisfy { $0 == 217 }, "the unused cell is grey")
        }
        try recorder.finish()
        #expect(try probeVideo(folder.appendingPathComponent("grid.mp4")).frames == 10)
    }
}
