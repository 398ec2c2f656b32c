import Agent
import Render

extension CartPolePose {
    /// How `state` is drawn: the cart's position and the pole's angle.
    package init(_ state: CartPoleState) {
        self.init(cartPosition: state.x, poleAngle: state.theta)
    }
}
