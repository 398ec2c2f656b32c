import CCairo

/// What a frame shows of the environment: the cart's position (m) and the pole's angle (rad, 0 upright,
/// positive leaning right). Render knows nothing else of CartPole's dynamics.
public struct CartPoleFrameState: Sendable, Equatable {
    public var cartPosition: Double
    public var poleAngle: Double

    public init(cartPosition: Double, poleAngle: Double) {
        self.cartPosition = cartPosition
        self.poleAngle = poleAngle
    }
}

/// The heads-up display: where the episode is and what the agent thinks.
public struct HeadsUp: Sendable, Equatable {
    public var episode: Int
    public var step: Int
    public var returnSoFar: Double
    /// The action taken from this state (0 left, 1 right), nil at the episode's end.
    public var action: Int?
    /// Q-values of the state's two actions.
    public var qValues: (left: Float, right: Float)

    public init(episode: Int, step: Int, returnSoFar: Double, action: Int?, qValues: (left: Float, right: Float)) {
        self.episode = episode
        self.step = step
        self.returnSoFar = returnSoFar
        self.action = action
        self.qValues = qValues
    }

    public static func == (a: HeadsUp, b: HeadsUp) -> Bool {
        a.episode == b.episode && a.step == b.step && a.returnSoFar == b.returnSoFar && a.action == b.action
            && a.qValues == b.qValues
    }
}

/// Draws CartPole as Gymnasium's `rgb_array` render does, on a canvas of any even size (the 600x400 scene
/// scaled uniformly and centred): white background, black cart 50x30, pole (202,152,101) 10 px wide and
/// 125 px long from the axle, axle circle (129,132,203), track line, 125 px per metre.
public final class CartPoleFrame {
    /// Gymnasium's scene size, in which all the geometry below is given.
    public static let sceneWidth = 600.0, sceneHeight = 400.0
    static let pixelsPerMetre = 125.0
    static let cartWidth = 50.0, cartHeight = 30.0
    static let poleWidth = 10.0, poleLength = 125.0
    /// Gymnasium's y (upwards) of the cart's top and the axle's offset from it.
    static let cartTop = 100.0, axleOffset = 7.5

    public let canvas: Canvas
    private let scale: Double
    private let offsetX: Double, offsetY: Double

    public init(width: Int = 600, height: Int = 400) throws {
        canvas = try Canvas(width: width, height: height)
        scale = min(Double(width) / Self.sceneWidth, Double(height) / Self.sceneHeight)
        offsetX = (Double(width) - Self.sceneWidth * scale) / 2
        offsetY = (Double(height) - Self.sceneHeight * scale) / 2
    }

    /// Draws the state (and the heads-up display, when given) over the whole canvas.
    public func draw(_ state: CartPoleFrameState, headsUp: HeadsUp? = nil) throws {
        let cr = canvas.context
        cairo_save(cr)
        cairo_set_source_rgb(cr, 1, 1, 1)
        cairo_paint(cr)
        cairo_translate(cr, offsetX, offsetY)
        cairo_scale(cr, scale, scale)
        drawScene(cr, state)
        cairo_restore(cr)
        if let headsUp { HeadsUpDisplay.draw(headsUp, on: cr, width: Double(canvas.width), height: Double(canvas.height)) }
        try canvas.checkStatus("drawing a CartPole frame")
    }

    /// The scene in Gymnasium's 600x400 pixel coordinates, y downwards (Gymnasium draws y upwards, then
    /// flips the surface: a Gymnasium y maps to 400 - y here).
    private func drawScene(_ cr: OpaquePointer, _ state: CartPoleFrameState) {
        let cartX = state.cartPosition * Self.pixelsPerMetre + Self.sceneWidth / 2
        let cartY = Self.sceneHeight - Self.cartTop
        // Cart: centred on cartX, from 15 below to 15 above the track height.
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_rectangle(cr, cartX - Self.cartWidth / 2, cartY - Self.cartHeight / 2, Self.cartWidth, Self.cartHeight)
        cairo_fill(cr)
        // Pole: a 10-wide bar from 5 below the axle to 120 above it, rotated by the angle about the axle.
        let axleY = cartY - Self.axleOffset
        cairo_save(cr)
        cairo_translate(cr, cartX, axleY)
        cairo_rotate(cr, state.poleAngle)
        cairo_rectangle(cr, -Self.poleWidth / 2, -(Self.poleLength - Self.poleWidth / 2), Self.poleWidth, Self.poleLength)
        cairo_set_source_rgb(cr, 202 / 255, 152 / 255, 101 / 255)
        cairo_fill(cr)
        cairo_restore(cr)
        // Axle: Gymnasium draws a radius-5 circle at integer pixel coordinates, 11 pixels across.
        let axleCentreX = cartX.rounded(.towardZero) + 0.5
        let axleCentreY = Self.sceneHeight - (Self.cartTop + Self.axleOffset).rounded(.towardZero) - 0.5
        cairo_arc(cr, axleCentreX, axleCentreY, 5.5, 0, 2 * Double.pi)
        cairo_set_source_rgb(cr, 129 / 255, 132 / 255, 203 / 255)
        cairo_fill(cr)
        // Track: one pixel row at Gymnasium's y = 100, drawn last as Gymnasium does.
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_rectangle(cr, 0, cartY - 1, Self.sceneWidth, 1)
        cairo_fill(cr)
    }
}
