import CCairo
import Foundation
import TestSupport
import Testing

@testable import Render

/// An RGB image read back through Cairo, for comparisons.
struct RGBImage {
    let width: Int, height: Int
    let pixels: [UInt8]  // r, g, b per pixel, row-major

    init(png url: URL) throws {
        let surface = cairo_image_surface_create_from_png(url.path)
        defer { cairo_surface_destroy(surface) }
        try #require(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS, "cannot read \(url.path)")
        width = Int(cairo_image_surface_get_width(surface))
        height = Int(cairo_image_surface_get_height(surface))
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let o = y * stride + x * 4
                pixels += [data[o + 2], data[o + 1], data[o]]
            }
        }
        self.pixels = pixels
    }

    init(canvas: Canvas) {
        width = canvas.width
        height = canvas.height
        pixels = canvas.withPixels { raw in
            var pixels: [UInt8] = []
            pixels.reserveCapacity(canvas.width * canvas.height * 3)
            for y in 0..<canvas.height {
                for x in 0..<canvas.width {
                    let o = y * canvas.stride + x * 4
                    pixels += [raw[o + 2], raw[o + 1], raw[o]]
                }
            }
            return pixels
        }
    }

    func rgb(_ x: Int, _ y: Int) -> (Int, Int, Int) {
        let o = (y * width + x) * 3
        return (Int(pixels[o]), Int(pixels[o + 1]), Int(pixels[o + 2]))
    }

    /// The bounding box (minX, minY, maxX, maxY) of pixels within `tolerance` of a colour, skipping rows.
    func boundingBox(of colour: (Int, Int, Int), tolerance: Int = 24, skipRows: Set<Int> = []) -> [Int]? {
        var box: [Int]?
        for y in 0..<height where !skipRows.contains(y) {
            for x in 0..<width {
                let (r, g, b) = rgb(x, y)
                guard abs(r - colour.0) <= tolerance && abs(g - colour.1) <= tolerance && abs(b - colour.2) <= tolerance
                else { continue }
                box = box.map { [min($0[0], x), min($0[1], y), max($0[2], x), max($0[3], y)] } ?? [x, y, x, y]
            }
        }
        return box
    }
}

@Suite struct CartPoleRendererTests {
    /// Every fixture state, ordinary and extreme (steep poles, carts at or past the ends of the track):
    /// nearly every pixel within 8 per channel, and the bounding boxes of cart, pole and axle within one
    /// pixel (a shape with no pixels in either image agrees).
    @Test func framesMatchGymnasiumsRenders() throws {
        let fixtures = try Fixtures.json("frames.json")["frames"].array
        #expect(!fixtures.isEmpty)
        let frame = try CartPoleRenderer()
        for item in fixtures {
            let state = try item["state"].doubles
            let file = try item["file"].string
            try frame.draw(CartPolePose(cartPosition: state[0], poleAngle: state[2]))
            let ours = RGBImage(canvas: frame.canvas)
            let theirs = try RGBImage(png: Fixtures.directory.appendingPathComponent("frames/\(file)"))
            try #require(ours.width == theirs.width && ours.height == theirs.height)
            var close = 0
            for i in stride(from: 0, to: ours.pixels.count, by: 3) {
                let differences = (0..<3).map { abs(Int(ours.pixels[i + $0]) - Int(theirs.pixels[i + $0])) }
                if differences.max()! <= 8 { close += 1 }
            }
            let fraction = Double(close) / Double(ours.width * ours.height)
            #expect(fraction >= 0.995, "\(file): \(fraction) of pixels within 8 per channel")
            let track: Set<Int> = [299]
            for (name, colour) in [("cart", (0, 0, 0)), ("pole", (202, 152, 101)), ("axle", (129, 132, 203))] {
                let a = ours.boundingBox(of: colour, skipRows: track)
                let b = theirs.boundingBox(of: colour, skipRows: track)
                let boxesAgree =
                    switch (a, b) {
                    case (nil, nil): true
                    case (let a?, let b?): zip(a, b).allSatisfy { abs($0 - $1) <= 1 }
                    default: false
                    }
                #expect(
                    boxesAgree, "\(file) \(name): ours \(String(describing: a)), Gymnasium's \(String(describing: b))")
            }
        }
    }

    @Test func otherSizesScaleTheScene() throws {
        let frame = try CartPoleRenderer(width: 300, height: 200)
        try frame.draw(CartPolePose(cartPosition: 0, poleAngle: 0))
        let image = RGBImage(canvas: frame.canvas)
        // The cart (25x15 at half scale) is centred horizontally on the track.
        let cart = try #require(image.boundingBox(of: (0, 0, 0), skipRows: [149]))
        #expect(abs((cart[0] + cart[2]) / 2 - 150) <= 1)
        #expect(abs((cart[2] - cart[0] + 1) - 25) <= 1)
    }

    /// Repainting only the display's band and the moving boxes gives, frame after frame, the canvas a full
    /// repaint gives: carts that cross the track and leave it, poles that lean far, long display texts.
    @Test(arguments: [(600, 400), (320, 240), (1280, 720)])
    func repaintingOnlyWhatMovesGivesTheFullFrame(size: (Int, Int)) throws {
        let partial = try CartPoleRenderer(width: size.0, height: size.1)
        let full = try CartPoleRenderer(width: size.0, height: size.1)
        var (regionsSeen, histogramFrames, hadHistograms) = (0, 0, false)
        for k in 0..<40 {
            let pose = CartPolePose(cartPosition: -2.8 + 0.15 * Double(k), poleAngle: 0.9 * sin(Double(k) / 3))
            // Every other stretch with a categorical network's histograms under the scene.
            let histograms = ActionDistributions(
                bins: (0..<11).map { Float($0) * 20 }, left: (0..<11).map { Float(($0 + k) % 5) / 20 },
                right: (0..<11).map { Float(($0 * k) % 7) / 30 })
            let hud =
                k % 7 == 3
                ? nil
                : HeadsUp(
                    episode: 123_456_789, step: k * 1000, returnSoFar: Double(k) * 1234.5,
                    action: k % 2, qValues: (Float(k) * -37.25, Float(99_999 - k)),
                    distributions: (k / 10) % 2 == 1 ? histograms : nil)
            if k > 0 && (hadHistograms || hud?.distributions != nil) { histogramFrames += 1 }
            hadHistograms = hud?.distributions != nil
            let regions = try partial.drawChanges(pose, headsUp: hud)
            try full.draw(pose, headsUp: hud)
            if k == 0 {
                #expect(regions == nil, "the first frame is painted whole")
            } else {
                regionsSeen += regions?.count ?? 0
            }
            let same = partial.canvas.withPixels { a in full.canvas.withPixels { b in a.elementsEqual(b) } }
            #expect(same, "frame \(k) at \(size.0)x\(size.1)")
        }
        // Two regions a frame, three (the histograms' band) in frames that have them or follow one that had.
        #expect(regionsSeen == 2 * 39 + histogramFrames)
        // After a full draw the next partial one repaints everything again.
        try partial.draw(CartPolePose(cartPosition: 0, poleAngle: 0))
        #expect(try partial.drawChanges(CartPolePose(cartPosition: 1, poleAngle: 0.1)) == nil)
    }

    /// A categorical network's histograms sit under the scene, below the wheels: bars of each action's colour
    /// in the left and the right half, nothing of them over the cart.
    @Test func returnHistogramsAreDrawnUnderTheScene() throws {
        let frame = try CartPoleRenderer()
        let pose = CartPolePose(cartPosition: 0, poleAngle: 0)
        let distributions = ActionDistributions(
            bins: (0..<51).map { Float($0) * 4 }, left: (0..<51).map { $0 == 20 ? 0.5 : 0.01 },
            right: (0..<51).map { $0 == 40 ? 0.5 : 0.01 })
        try frame.draw(
            pose,
            headsUp: HeadsUp(
                episode: 0, step: 0, returnSoFar: 0, action: nil, qValues: (80, 160), distributions: distributions))
        let image = RGBImage(canvas: frame.canvas)
        let band = ActionDistributions.band(width: 600, height: 400)
        #expect(band.top > 315 && band.bottom == 400, "below the wheels: \(band)")
        func count(_ rows: Range<Int>, _ columns: Range<Int>, _ test: (Int, Int, Int) -> Bool) -> Int {
            rows.reduce(0) { total, y in
                total
                    + columns.filter { x in
                        let o = (y * image.width + x) * 3
                        return test(Int(image.pixels[o]), Int(image.pixels[o + 1]), Int(image.pixels[o + 2]))
                    }.count
            }
        }
        let blue: (Int, Int, Int) -> Bool = { r, g, b in b > r + 60 && b > g + 20 }
        let orange: (Int, Int, Int) -> Bool = { r, g, b in r > b + 100 && g > b + 30 }
        let under = Int(band.top)..<400
        #expect(count(under, 0..<300, blue) > 100 && count(under, 300..<600, orange) > 100)
        #expect(count(under, 300..<600, blue) == 0 && count(under, 0..<300, orange) == 0)
        // The likeliest bar of each, atom 20 and 40 of 51 (its half's 285 units from 10 and from 305), is
        // the tallest.
        #expect(count(under, 123..<126, blue) > 3 * count(under, 60..<63, blue))
        #expect(count(under, 529..<532, orange) > 3 * count(under, 400..<403, orange))
    }

    /// A sequence's histograms (given without a display) are drawn under the scene, and cleared with the
    /// frame after the last that has them: it is then the frame a full draw gives.
    @Test func histogramsWithoutADisplayComeAndGo() throws {
        let partial = try CartPoleRenderer()
        let full = try CartPoleRenderer()
        let distributions = ActionDistributions(
            bins: (0..<11).map { Float($0) * 20 }, left: (0..<11).map { $0 == 5 ? 1 : 0 },
            right: (0..<11).map { $0 == 7 ? 1 : 0 })
        let pose = CartPolePose(cartPosition: 0.3, poleAngle: 0.05)
        _ = try partial.drawChanges(pose)
        _ = try partial.drawChanges(pose, distributions: distributions)
        let band = Int(ActionDistributions.band(width: 600, height: 400).top)
        let drawn = RGBImage(canvas: partial.canvas)
        let tinted = (band..<400).reduce(0) { total, y in
            total
                + (0..<600).filter { x in
                    let o = (y * 600 + x) * 3
                    return drawn.pixels[o] != drawn.pixels[o + 1] || drawn.pixels[o + 1] != drawn.pixels[o + 2]
                }.count
        }
        #expect(tinted > 500, "bars of the actions' colours under the scene")
        _ = try partial.drawChanges(pose)
        try full.draw(pose)
        #expect(partial.canvas.withPixels { a in full.canvas.withPixels { b in a.elementsEqual(b) } })
        // A diverged network's weights (NaN, infinite, negative) draw as none, and the frame is whole.
        let diverged = ActionDistributions(
            bins: (0..<3).map { Float($0) }, left: [.nan, .infinity, -1], right: [.nan, 0.5, 0.5])
        _ = try partial.drawChanges(pose, distributions: diverged)
    }

    @Test func theHeadsUpDisplayDrawsTextAndBars() throws {
        let frame = try CartPoleRenderer()
        try frame.draw(CartPolePose(cartPosition: 0, poleAngle: 0))
        let plain = RGBImage(canvas: frame.canvas)
        try frame.draw(
            CartPolePose(cartPosition: 0, poleAngle: 0),
            headsUp: HeadsUp(episode: 2, step: 17, returnSoFar: 17, action: 1, qValues: (10.5, 12.25)))
        let withHUD = RGBImage(canvas: frame.canvas)
        let hudRegion = (0..<100).flatMap { y in (0..<200).map { x in (x, y) } }
        let changed = hudRegion.filter { plain.rgb($0.0, $0.1) != withHUD.rgb($0.0, $0.1) }.count
        #expect(changed > 500, "the HUD changed \(changed) pixels")
        // The chosen action's bar is the darker blue.
        #expect(withHUD.boundingBox(of: (51, 102, 191), tolerance: 4) != nil)
    }

    /// A dueling network's V and advantages are written at the band's right, and nothing is without them.
    @Test func aDuelingNetworksStreamsAreWrittenAtTheRight() throws {
        let frame = try CartPoleRenderer()
        let pose = CartPolePose(cartPosition: 0, poleAngle: 0)
        var hud = HeadsUp(episode: 2, step: 17, returnSoFar: 17, action: 1, qValues: (94.47, 94.53))
        try frame.draw(pose, headsUp: hud)
        let without = RGBImage(canvas: frame.canvas)
        hud.streams = (value: 94.5, advantages: (left: -0.03, right: 0.03))
        try frame.draw(pose, headsUp: hud)
        let with = RGBImage(canvas: frame.canvas)
        let rightOfBand = (0..<100).flatMap { y in (400..<600).map { x in (x, y) } }
        let dark = { (image: RGBImage) in rightOfBand.filter { image.rgb($0.0, $0.1).0 < 128 }.count }
        #expect(dark(without) == 0)
        #expect(dark(with) > 200, "\(dark(with)) dark pixels of text at the band's right")
    }

    /// The third row, R − L, grows from the zero line towards the preferred action: right of it when Q(right)
    /// is the larger, left of it when Q(left) is, however close the two are.
    @Test func theAdvantageBarPointsToThePreferredAction() throws {
        let frame = try CartPoleRenderer()
        func chosenColumns(_ q: (left: Float, right: Float)) throws -> ClosedRange<Int>? {
            try frame.draw(
                CartPolePose(cartPosition: 0, poleAngle: 0),
                headsUp: HeadsUp(episode: 0, step: 1, returnSoFar: 1, action: q.right > q.left ? 1 : 0, qValues: q))
            let image = RGBImage(canvas: frame.canvas)
            // The row's pixels of the chosen bar's colour (its bar spans rows 89 to 98 at 600x400).
            let xs = (0..<300).filter { x in
                let (r, g, b) = image.rgb(x, 93)
                return abs(r - 51) <= 4 && abs(g - 102) <= 4 && abs(b - 191) <= 4
            }
            guard let low = xs.min(), let high = xs.max() else { return nil }
            return low...high
        }
        let centre = 10 + 52 + 55
        let right = try #require(try chosenColumns((100.20, 100.23)))
        let left = try #require(try chosenColumns((100.23, 100.20)))
        #expect(right.lowerBound >= centre - 1 && right.upperBound > centre + 3, "\(right)")
        #expect(left.upperBound <= centre + 1 && left.lowerBound < centre - 3, "\(left)")
    }
}
