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
        let stripRows = Int((240 * (1 - 0.3)).rounded())..<240
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

    /// A categorical network's strip shades each action's band, 10% to 90% of its return distribution: a
    /// wide distribution colours far more of the strip than a sure one.
    @Test func aCategoricalNetworksStripShadesEachActionsBand() throws {
        let folder = try Fixtures.temporaryDirectory("qstrip-categorical")
        func shaded(spread: Int) throws -> Int {
            let recorder = try EpisodeRecorder(
                url: folder.appendingPathComponent("q\(spread).mp4"), width: 320, height: 240, showsHeadsUp: false,
                qStrip: true, qScale: EpisodeRecorder.QScale(steps: 40, q: 0...200))
            let bins = (0..<51).map { Float($0) * 4 }
            let weights = (0..<51).map { abs($0 - 25) <= spread ? Float(1) / Float(2 * spread + 1) : 0 }
            for step in 0..<30 {
                try recorder.append(
                    CartPolePose(cartPosition: 0, poleAngle: 0),
                    headsUp: HeadsUp(
                        episode: 0, step: step, returnSoFar: Double(step), action: 1, qValues: (100, 100),
                        distributions: ActionDistributions(bins: bins, left: weights, right: weights)))
            }
            let rows = Int((240 * 0.7).rounded())..<240
            return recorder.renderer.canvas.withPixels { pixels in
                rows.reduce(0) { total, y in
                    total
                        + (0..<320).filter { x in
                            let o = y * recorder.renderer.canvas.stride + x * 4
                            let (b, g, r) = (Int(pixels[o]), Int(pixels[o + 1]), Int(pixels[o + 2]))
                            return r < 250 && (r != g || g != b)  // tinted, not white or grey
                        }.count
                }
            }
        }
        let (sure, unsure) = (try shaded(spread: 0), try shaded(spread: 20))
        #expect(unsure > 2 * sure, "a wide distribution's band: \(unsure) tinted pixels, a sure one's \(sure)")
    }

    /// A dueling network's strip is two: V(s) above (a dark line), the advantages below (blue and orange),
    /// in a taller band than the Q-strip's.
    @Test func aDuelingNetworksStripShowsTheValueOverTheAdvantages() throws {
        let folder = try Fixtures.temporaryDirectory("qstrip-dueling")
        let top = Int((240 * (1 - 0.4)).rounded())
        let middle = (top + 240) / 2
        /// The strip after 30 steps of value `value`: dark pixels above the middle, coloured ones below.
        func strip(value: Float) throws -> (dark: Int, lower: (blue: Int, orange: Int), upperOrange: Int) {
            let scale = EpisodeRecorder.QScale(steps: 40, q: 80...100, advantages: -0.05...0.05)
            let recorder = try EpisodeRecorder(
                url: folder.appendingPathComponent("q\(value).mp4"), width: 320, height: 240, showsHeadsUp: false,
                qStrip: true, qScale: scale)
            for step in 0..<30 {
                let a = Float(step % 2 == 0 ? 0.03 : -0.03)
                try recorder.append(
                    CartPolePose(cartPosition: 0, poleAngle: 0),
                    headsUp: HeadsUp(
                        episode: 0, step: step, returnSoFar: Double(step), action: step % 2,
                        qValues: (90 + a, 90 - a), streams: (value: value, advantages: (left: a, right: -a))))
            }
            let canvas = recorder.renderer.canvas
            let dark = canvas.withPixels { pixels in
                (top..<middle).reduce(0) { count, y in
                    count
                        + (0..<320).filter { x in
                            let o = y * canvas.stride + x * 4
                            return pixels[o] < 90 && pixels[o + 1] < 90 && pixels[o + 2] < 90
                        }.count
                }
            }
            let result = (
                dark, colouredPixels(canvas, rows: middle..<240), colouredPixels(canvas, rows: top..<middle).orange
            )
            try recorder.finish()
            return result
        }
        let drawn = try strip(value: 90)
        let hidden = try strip(value: .nan)
        #expect(drawn.lower.blue > 50 && drawn.lower.orange > 50, "the advantages below: \(drawn.lower)")
        #expect(drawn.upperOrange == 0, "no advantage above")
        #expect(drawn.dark > hidden.dark + 50, "the value's line above: \(drawn.dark) against \(hidden.dark)")
    }
}
