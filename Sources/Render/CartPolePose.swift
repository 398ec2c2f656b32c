import CCairo
import Foundation

/// What a frame shows of the environment: the cart's position (m) and the pole's angle (rad, 0 upright,
/// positive leaning right). Render knows nothing else of CartPole's dynamics.
public struct CartPolePose: Sendable, Equatable {
    public var cartPosition: Double
    public var poleAngle: Double

    public init(cartPosition: Double, poleAngle: Double) {
        self.cartPosition = cartPosition
        self.poleAngle = poleAngle
    }
}
