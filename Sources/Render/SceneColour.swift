import CCairo

/// A flat colour of the videos (scene, HUD, grid tiles, title cards) in 8-bit RGB: the drawing code sets
/// these by name, and Cairo draws v / 255 as exactly v, so the GIF palette, which starts with `all`,
/// holds each drawn colour exactly.
struct SceneColour: Equatable {
    let red, green, blue: UInt8

    init(_ red: UInt8, _ green: UInt8, _ blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// Makes this the colour `cr` draws with.
    func set(on cr: OpaquePointer) {
        cairo_set_source_rgb(cr, Double(red) / 255, Double(green) / 255, Double(blue) / 255)
    }

    // Gymnasium's scene.
    static let background = SceneColour(255, 255, 255)
    static let cart = SceneColour(0, 0, 0)
    static let pole = SceneColour(202, 152, 101)
    static let axle = SceneColour(129, 132, 203)
    static let track = cart
    // The heads-up display.
    static let text = SceneColour(38, 38, 38)
    static let chosenBar = SceneColour(51, 102, 191)
    static let otherBar = SceneColour(153, 179, 225)
    // Grid tiles and title cards.
    static let gridGap = SceneColour(217, 217, 217)
    static let tileEdge = SceneColour(179, 179, 179)
    static let tileLabel = SceneColour(25, 25, 25)
    // Okabe and Ito's vermilion and bluish green, darkened to read as text on white.
    static let ending = SceneColour(196, 78, 0)
    static let success = SceneColour(0, 128, 94)
    static let cardBackground = SceneColour(30, 30, 35)
    static let cardTitle = background
    static let cardLine = SceneColour(204, 204, 204)

    /// Every colour above, once.
    static let all: [SceneColour] = [
        background, cart, pole, axle, text, chosenBar, otherBar, gridGap, tileEdge, tileLabel, ending, success,
        cardBackground, cardLine,
    ]
}
