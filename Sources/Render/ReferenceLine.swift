import CCairo
import Foundation

/// A reference line, dashed: horizontal at a y value (e.g. the environment's reward threshold), or vertical
/// at an x value.
public struct ReferenceLine: Sendable {
    public var label: String
    public var value: Double
    public var colour: Colour
    public var vertical: Bool

    public init(_ label: String, _ value: Double, colour: Colour, vertical: Bool = false) {
        self.label = label
        self.value = value
        self.colour = colour
        self.vertical = vertical
    }
}
