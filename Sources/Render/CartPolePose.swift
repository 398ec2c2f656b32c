import CCairo
import Foundation

/// What a frame shows of the environment: the cart's position (m) and the pole's angle (rad, 0 upright,
/// positive leaning right). Render knows nothing else of CartPole's dynamics.
package struct CartPolePose: Sendable, Equatable {
    package var cartPosition: Double
    package var poleAngle: Double

    package init(cartPosition: Double, poleAngle: Double) {
        self.cartPosition = cartPosition
        self.poleAngle = poleAngle
    }
}
