import CCairo
import Foundation

/// Draws CartPole as Gymnasium's `rgb_array` render does, on a canvas of any even size (the 600x400 scene
/// scaled uniformly and centred): white background, black cart 50x30, pole (202,152,101) 10 px wide and
/// 125 px long from the axle, axle circle (129,132,203), track line, 125 px per metre.
package final class CartPoleRenderer {
    /// Gymnasium's scene size, in which all the geometry below is given.
    package static let sceneWidth = 600.0, sceneHeight = 400.0
    static let pixelsPerMetre = 125.0
    static let cartWidth = 50.0, cartHeight = 30.0
    static let poleWidth = 10.0, poleLength = 125.0
    /// Gymnasium's `carty` (y upwards: the track line and the cart's centre line) and the axle's height above it.
    static let trackY = 100.0, axleOffset = 7.5

    package let canvas: Canvas

    package init(width: Int = 600, height: Int = 400) throws {
        canvas = try Canvas(width: width, height: height)
    }

    /// The pose `drawChanges` drew last, while the canvas still holds that frame.
    /// The pose drawn last by `drawChanges`; nil when the canvas holds something else (a full frame or a
    /// title card), so that the next frame is drawn whole.
    var lastPose: CartPolePose?
    /// Whether the frame `drawChanges` drew last had histograms under the scene.
    private var drewHistograms = false

    /// Draws the state (and the heads-up display, when given) over the canvas, or over its top
    /// `sceneHeight` pixels (the rest left as it is, e.g. for a Q-strip).
    package func draw(_ state: CartPolePose, headsUp: HeadsUp? = nil, sceneHeight: Double? = nil) throws {
        lastPose = nil
        let cr = canvas.context
        let width = Double(canvas.width)
        let height = sceneHeight ?? Double(canvas.height)
        Self.paint(state, on: cr, width: width, height: height)
        if let headsUp { HeadsUpDisplay.draw(headsUp, on: cr, width: width, height: height) }
        try canvas.checkStatus("drawing a CartPole frame")
    }

    /// Draws as `draw` does over the whole canvas, repainting only what can differ from the frame this method
    /// drew last: the heads-up display's band across the top and the box around the cart and pole then and
    /// now, and the band under the scene while histograms are drawn there (`distributions`, or the
    /// display's). The clip is whole pixels, so the canvas is the same as after a full `draw`. Returns the
    /// regions repainted (for the encoder), or nil when the whole canvas was.
    package func drawChanges(
        _ state: CartPolePose, headsUp: HeadsUp? = nil, distributions given: ActionDistributions? = nil
    ) throws -> [PixelRegion]? {
        let distributions = given ?? headsUp?.distributions
        let cr = canvas.context
        let width = Double(canvas.width)
        let height = Double(canvas.height)
        var regions: [PixelRegion]?
        cairo_save(cr)
        if let before = lastPose {
            // The display's three lines and two bars end above 90 units (HeadsUpDisplay), the scene's
            // topmost pixel is at 155.
            let band = (100 * min(width / Self.sceneWidth, height / Self.sceneHeight)).rounded(.up)
            let box = Self.movedBox(from: before, to: state, width: width, height: height)
            cairo_rectangle(cr, 0, 0, width, band)
            cairo_rectangle(cr, box.x, box.y, box.width, box.height)
            regions = [
                PixelRegion(covering: 0, 0, width, band), PixelRegion(covering: box.x, box.y, box.width, box.height),
            ]
            // A categorical network's histograms under the scene change every frame too (and go when
            // the display does).
            if distributions != nil || drewHistograms {
                let under = ActionDistributions.band(width: width, height: height)
                let top = under.top.rounded(.down)
                cairo_rectangle(cr, 0, top, width, height - top)
                regions?.append(PixelRegion(covering: 0, top, width, height - top))
            }
            cairo_clip(cr)
        }
        Self.paint(state, on: cr, width: width, height: height)
        if let headsUp { HeadsUpDisplay.draw(headsUp, on: cr, width: width, height: height) }
        if headsUp?.distributions == nil {
            distributions?.draw(on: cr, width: width, height: height, action: nil)
        }
        cairo_restore(cr)
        try canvas.checkStatus("drawing a CartPole frame")
        lastPose = state
        drewHistograms = distributions != nil
        return regions
    }

    /// The rectangle, in a region of width x height, that holds every pixel that can change between a frame of
    /// `before` and one of `now`: the union of both poses' scene boxes.
    static func movedBox(
        from before: CartPolePose, to now: CartPolePose, width: Double,
        height: Double
    ) -> (x: Double, y: Double, width: Double, height: Double) {
        let a = sceneBox(before, width: width, height: height)
        let b = sceneBox(now, width: width, height: height)
        return (min(a.x0, b.x0), min(a.y0, b.y0), max(a.x1, b.x1) - min(a.x0, b.x0), max(a.y1, b.y1) - min(a.y0, b.y0))
    }

    /// The pixels, in a tile of width x height, that the cart, pole and axle can cover: within 135 scene
    /// pixels of the cart's centre (pole 125 and its width, cart 25, outline) and between scene rows 155 and
    /// 320, rounded outwards to whole pixels and kept within the tile.
    private static func sceneBox(_ pose: CartPolePose, width: Double, height: Double) -> (
        x0: Double, y0: Double, x1: Double, y1: Double
    ) {
        let scale = min(width / sceneWidth, height / sceneHeight)
        let offsetX = (width - sceneWidth * scale) / 2
        let offsetY = (height - sceneHeight * scale) / 2
        let cartX = PlotValue.displayable(pose.cartPosition * pixelsPerMetre + sceneWidth / 2) ?? 0
        func x(_ scene: Double) -> Double { min(max((offsetX + scene * scale).rounded(.down), 0), width) }
        func y(_ scene: Double) -> Double { min(max((offsetY + scene * scale).rounded(.down), 0), height) }
        return (x(cartX - 135), y(155), min(x(cartX + 135) + 1, width), min(y(320) + 1, height))
    }

    /// Paints the scene into the region (0, 0, width, height) of the context's current transformation: a
    /// white background and the 600x400 scene scaled uniformly and centred. A grid's tiles are such regions.
    static func paint(_ state: CartPolePose, on cr: OpaquePointer, width: Double, height: Double) {
        let scale = min(width / sceneWidth, height / sceneHeight)
        cairo_save(cr)
        cairo_rectangle(cr, 0, 0, width, height)
        cairo_clip(cr)
        SceneColour.background.set(on: cr)
        cairo_paint(cr)
        cairo_translate(cr, (width - sceneWidth * scale) / 2, (height - sceneHeight * scale) / 2)
        cairo_scale(cr, scale, scale)
        drawScene(cr, state)
        cairo_restore(cr)
    }

    /// The scene as Gymnasium's `render()` draws it, in its order: cart, pole, axle, track. Gymnasium works in
    /// pygame pixels with y upwards (row 0 at the bottom) and flips the surface at the end, so its row y is
    /// our row 399 - y. Polygons fill exactly pygame's pixels (`PolygonScanline`) over a one-pixel
    /// antialiased outline, as pygame's `aapolygon` then `filled_polygon`.
    private static func drawScene(_ cr: OpaquePointer, _ state: CartPolePose) {
        let cartX = state.cartPosition * Self.pixelsPerMetre + Self.sceneWidth / 2
        let cartY = Self.trackY
        let halfWidth = Self.cartWidth / 2
        let halfHeight = Self.cartHeight / 2
        let cart = [
            (-halfWidth, -halfHeight), (-halfWidth, halfHeight), (halfWidth, halfHeight), (halfWidth, -halfHeight),
        ]
        .map { (x: cartX + $0.0, y: cartY + $0.1) }
        drawPolygon(cr, cart, colour: .cart)

        // Pole: a 10-wide bar from 5 below the axle to 120 above it, rotated by -angle (pygame's
        // Vector2.rotate_rad, counter-clockwise with y up), so a positive angle leans right.
        let l = -Self.poleWidth / 2
        let r = Self.poleWidth / 2
        let t = Self.poleLength - Self.poleWidth / 2
        let b = -Self.poleWidth / 2
        let cosine = cos(-state.poleAngle)
        let sine = sin(-state.poleAngle)
        let pole = [(l, b), (l, t), (r, t), (r, b)].map { corner in
            (
                x: corner.0 * cosine - corner.1 * sine + cartX,
                y: corner.0 * sine + corner.1 * cosine + cartY + Self.axleOffset
            )
        }
        drawPolygon(cr, pole, colour: .pole)

        // Axle: pygame's filled circle of radius 5 around an integer pixel, 11 pixels across.
        let axleX = Double(PolygonScanline.pixel(cartX))
        let axleY = Double(PolygonScanline.pixel(cartY + Self.axleOffset))
        cairo_arc(cr, axleX + 0.5, Self.sceneHeight - 1 - axleY + 0.5, 5.5, 0, 2 * Double.pi)
        SceneColour.axle.set(on: cr)
        cairo_fill(cr)

        // Track: one pixel row at Gymnasium's y = 100, drawn last.
        SceneColour.track.set(on: cr)
        cairo_rectangle(cr, 0, Self.sceneHeight - 1 - cartY, Self.sceneWidth, 1)
        cairo_fill(cr)
    }

    /// A polygon given in Gymnasium's coordinates (y up), with its vertices truncated to pixels as pygame
    /// does: a one-pixel antialiased outline through the vertices' pixel centres, then the exact fill.
    private static func drawPolygon(
        _ cr: OpaquePointer, _ vertices: [(x: Double, y: Double)], colour: SceneColour
    ) {
        let pixels = vertices.map { (x: PolygonScanline.pixel($0.x), y: PolygonScanline.pixel($0.y)) }
        let flip = Int(Self.sceneHeight) - 1
        colour.set(on: cr)
        for (i, vertex) in pixels.enumerated() {
            let x = Double(vertex.x) + 0.5
            let y = Double(flip - vertex.y) + 0.5
            if i == 0 { cairo_move_to(cr, x, y) } else { cairo_line_to(cr, x, y) }
        }
        cairo_close_path(cr)
        cairo_set_line_width(cr, 1)
        cairo_stroke(cr)
        for run in PolygonScanline.runs(pixels) {
            cairo_rectangle(cr, Double(run.x0), Double(flip - run.y), Double(run.x1 - run.x0 + 1), 1)
        }
        cairo_fill(cr)
    }
}
