import Foundation

/// The internal state of CartPole, in SI units, kept in `Double` as Gymnasium keeps it in float64.
package struct CartPoleState: Sendable, Equatable {
    /// Cart position (m), cart velocity (m/s), pole angle (rad, 0 upright), pole angular velocity (rad/s).
    package var x, xDot, theta, thetaDot: Double

    package init(x: Double, xDot: Double, theta: Double, thetaDot: Double) {
        self.x = x
        self.xDot = xDot
        self.theta = theta
        self.thetaDot = thetaDot
    }

    /// The cart is past the end of the track (|x| > 2.4 m): one of the two ways an episode terminates.
    package var cartLeftTrack: Bool { x < -CartPole.xThreshold || x > CartPole.xThreshold }
    /// The pole leans past ±12°: the other.
    package var poleFell: Bool { theta < -CartPole.thetaThreshold || theta > CartPole.thetaThreshold }

    /// Gymnasium's float32 observation of this state.
    package var observation: Observation {
        Observation(Float(x), Float(xDot), Float(theta), Float(thetaDot))
    }
}
