import Foundation

/// What the agent sees: the state rounded to float32.
public typealias Observation = SIMD4<Float>

/// Gymnasium's `CartPole` environment (v0 or v1) with its time limit, exactly: the same physics,
/// constants, reset range, termination and truncation.
package struct CartPole: Sendable {
    package static let gravity = 9.8
    package static let cartMass = 1.0
    package static let poleMass = 0.1
    package static let totalMass = cartMass + poleMass
    /// Half the pole's length (m).
    package static let length = 0.5
    package static let poleMassLength = poleMass * length
    package static let forceMagnitude = 10.0
    /// Seconds between state updates.
    package static let tau = 0.02
    package static let thetaThreshold = 12 * 2 * Double.pi / 360
    package static let xThreshold = 2.4

    package let id: EnvironmentID
    package let integrator: Integrator
    package private(set) var state: CartPoleState
    /// Steps taken since the last reset.
    package private(set) var elapsedSteps = 0

    package init(id: EnvironmentID, integrator: Integrator = .euler) {
        self.id = id
        self.integrator = integrator
        state = CartPoleState(x: 0, xDot: 0, theta: 0, thetaDot: 0)
    }

    /// Draws each state variable uniformly from [-0.05, 0.05) as Gymnasium's `reset` does, from the
    /// environment's own generator (`NumpyPCG64`: a new one is `reset(seed=...)`, one drawn from before is
    /// `reset()`), and returns the first observation.
    @discardableResult
    package mutating func reset(using generator: inout NumpyPCG64) -> Observation {
        let x = generator.uniform(-0.05, 0.05)
        let xDot = generator.uniform(-0.05, 0.05)
        let theta = generator.uniform(-0.05, 0.05)
        let thetaDot = generator.uniform(-0.05, 0.05)
        return reset(to: CartPoleState(x: x, xDot: xDot, theta: theta, thetaDot: thetaDot))
    }

    /// Starts an episode from a given state (tests, replays).
    @discardableResult
    package mutating func reset(to state: CartPoleState) -> Observation {
        self.state = state
        elapsedSteps = 0
        return state.observation
    }

    /// Applies action 0 (push left) or 1 (push right) for one time step.
    package mutating func step(_ action: Int) -> StepResult {
        precondition(action == 0 || action == 1, "CartPole has actions 0 and 1")
        var s = state
        let force = action == 1 ? Self.forceMagnitude : -Self.forceMagnitude
        // Correctly rounded, so every processor steps alike (the C library's sine differs between its FMA
        // and SSE2 variants); the evaluation order is Gymnasium's, so results agree to the last bit
        // where its C library rounds correctly.
        let (sinTheta, cosTheta) = CorrectlyRounded.sinCos(s.theta)
        let temp = (force + Self.poleMassLength * (s.thetaDot * s.thetaDot) * sinTheta) / Self.totalMass
        let thetaAcc =
            (Self.gravity * sinTheta - cosTheta * temp)
            / (Self.length * (4.0 / 3.0 - Self.poleMass * (cosTheta * cosTheta) / Self.totalMass))
        let xAcc = temp - Self.poleMassLength * thetaAcc * cosTheta / Self.totalMass
        switch integrator {
        case .euler:
            s.x = s.x + Self.tau * s.xDot
            s.xDot = s.xDot + Self.tau * xAcc
            s.theta = s.theta + Self.tau * s.thetaDot
            s.thetaDot = s.thetaDot + Self.tau * thetaAcc
        case .semiImplicitEuler:
            s.xDot = s.xDot + Self.tau * xAcc
            s.x = s.x + Self.tau * s.xDot
            s.thetaDot = s.thetaDot + Self.tau * thetaAcc
            s.theta = s.theta + Self.tau * s.thetaDot
        }
        state = s
        elapsedSteps += 1
        let terminated = s.cartLeftTrack || s.poleFell
        return StepResult(
            observation: s.observation, reward: 1, terminated: terminated,
            truncated: elapsedSteps >= id.maxEpisodeSteps)
    }
}

extension CartPole {
    /// How the equations of motion are stepped, as Gymnasium's `kinematics_integrator`.
    package enum Integrator: String, Sendable, CaseIterable {
        case euler
        case semiImplicitEuler = "semi-implicit euler"
    }
}
