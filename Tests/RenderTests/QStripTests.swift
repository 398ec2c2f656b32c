import Foundation
import TestSupport
import Testing

@testable import Render

/// The Q-strip: both Q-values plotted under the scene as the episode goes, in the same frames.
@Suite struct QStripTests {
    func colouredPixels(_ canvas: Canvas, rows: Range<Int>) -> (blue: Int, orange: Int) {
        canvas.withPixels { pixels in
            var blue = 0
            var orange = 0
            for y in rows {
                for x in 0..<canvas.width {
                    let o = y * canvas.stride + x * 4
                    let (b, g, r) = (Int(pixels[o]), Int(pixels[o + 1]), Int(pixels[o + 2]))
                    if b > r + 60 && b > g + 20 { blue += 1 }
                    if r > b + 100 && g > b + 30 { orange += 1 }
                }
            }
            return (blue, orange)
        }
    }

    @Test func theStripPlotsBothValuesAsTheEpisodeGoes() throws {
        let folder = try Fixtures.temporaryDirectory("qstrip")
        let url = folder.appendingPathComponent("q.mp4")
        let recorder = try EpisodeRecorder(url: url, width: 320, height: 240, showsHeadsUp: false, qStrip: true)
        let stripRows = Int((240 * (1 - QStrip.share)).rounded())..<240
        var counts: [(blue: Int, orange: Int)] = []
        for step in 0..<30 {
            let q = (left: Float(10 + step % 3), right: Float(12 - step % 2))
            try recorder.append(
                CartPolePose(cartPosition: 0, poleAngle: 0.01 * Double(step)),
                headsUp: HeadsUp(episode: 0, step: step, returnSoFar: Double(step), action: step % 2, qValues: q))
            if step == 5 || step == 29 { counts.append(colouredPixels(recorder.renderer.canvas, rows: stripRows)) }
        }
        #expect(counts[0].blue > 0 && counts[0].orange > 0, "both lines after six steps: \(counts[0])")
        #expect(
            counts[1].blue > counts[0].blue && counts[1].orange > counts[0].orange,
            "the lines grow with the episode: \(counts)")
        // Without the HUD, nothing is drawn over the scene's top left corner.
        #expect(colouredPixels(recorder.renderer.canvas, rows: 0..<40).blue == 0)
        try recorder.finish()
        #expect(try probeVideo(url).frames == 30)
    }
}
