/// What a player needs of an agent's network: the two action values of an observation. The notebook's
/// `QNetwork` and the `Perceptron` of another trainer's file both are one.
package protocol QFunction: Sendable {
    func qValues(_ observation: Observation) -> SIMD2<Float>
    /// The Q-values of the observation and, for a dueling network, its value and advantages (nil for any
    /// other network), from one pass.
    func evaluate(_ observation: Observation) -> (q: SIMD2<Float>, streams: DuelingStreams?)
}

/// What a dueling network makes its Q-values of: the value stream's V(s) and the advantages less their
/// mean, A(s, a) − mean A(s, ·), so that Q(s, a) = V(s) + A(s, a) here.
package struct DuelingStreams: Sendable, Equatable {
    package var value: Float
    package var advantages: SIMD2<Float>
}

extension QFunction {
    package func evaluate(_ observation: Observation) -> (q: SIMD2<Float>, streams: DuelingStreams?) {
        (qValues(observation), nil)
    }
}

extension QFunction {
    /// The greedy action: the first of the largest Q-values, as `argmax` picks.
    package func greedyAction(_ observation: Observation) -> Int {
        let q = qValues(observation)
        return q[1] > q[0] ? 1 : 0
    }
}

extension QFunction {
    /// Why the network cannot be played, or nil: its Q-values must be finite over the states an episode
    /// can reach (probed at the centre and at the corners: positions and angles at the termination
    /// thresholds, velocities of ±3).
    package var unplayable: String? {
        let corners = (0..<16).map { corner in
            let limits: [Float] = [2.4, 3, 0.21, 3]
            return Observation((0..<4).map { corner >> $0 & 1 == 1 ? limits[$0] : -limits[$0] })
        }
        guard
            let state = ([Observation()] + corners).first(where: {
                let q = qValues($0)
                return !(q[0].isFinite && q[1].isFinite)
            })
        else { return nil }
        return
            "its Q-values are not finite (at the state \((0..<4).map { state[$0] })): its weights are too large for 32-bit floats"
    }
}
