import CCairo
import Foundation

/// An RGB colour, components 0...1.
package struct Colour: Sendable, Equatable {
    package var red, green, blue: Double
    package init(_ red: Double, _ green: Double, _ blue: Double) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    package static let blue = Colour(31 / 255, 119 / 255, 180 / 255)
    package static let orange = Colour(255 / 255, 127 / 255, 14 / 255)
    package static let red = Colour(214 / 255, 39 / 255, 40 / 255)
    package static let green = Colour(44 / 255, 160 / 255, 44 / 255)

    /// This colour mixed with 60% white: raw data drawn under its smoothed curve.
    package var faded: Colour { Colour(0.6 + 0.4 * red, 0.6 + 0.4 * green, 0.6 + 0.4 * blue) }

    /// matplotlib's default cycle, for one colour per variant.
    package static let cycle = [
        Colour.blue, .orange, .green, .red,
        Colour(148 / 255, 103 / 255, 189 / 255), Colour(140 / 255, 86 / 255, 75 / 255),
        Colour(227 / 255, 119 / 255, 194 / 255), Colour(127 / 255, 127 / 255, 127 / 255),
    ]
}
