import CCairo
import Foundation

/// A reference line, dashed: horizontal at a y value (e.g. the environment's reward threshold), or vertical
/// at an x value.
package struct ReferenceLine: Sendable {
    package var label: String
    package var value: Double
    package var colour: Colour
    package var vertical: Bool

    package init(_ label: String, _ value: Double, colour: Colour, vertical: Bool = false) {
        self.label = label
        self.value = value
        self.colour = colour
        self.vertical = vertical
    }
}
