/// What a player needs of an agent's network: the two action values of an observation. The notebook's
/// `QNetwork` and the `Perceptron` of another trainer's file both are one.
package protocol QFunction: Sendable {
    func qValues(_ observation: Observation) -> SIMD2<Float>
    /// The Q-values of the observation and what else the network makes them of, from one pass.
    func evaluate(_ observation: Observation) -> NetworkReadout
}

/// What one pass of a network gives for an observation: its Q-values, and for a dueling network its value
/// and advantages, for a categorical one each action's return distribution (nil for any other network).
package struct NetworkReadout: Sendable {
    package var q: SIMD2<Float>
    package var streams: DuelingStreams?
    package var distributions: ReturnDistributions?
}

/// A categorical network's distribution of each action's return: probabilities on the support's atoms.
package struct ReturnDistributions: Sendable, Equatable {
    /// The returns the atoms stand for, rising.
    package var support: [Float]
    /// The probabilities, `[actions][atoms]`.
    package var probabilities: [Float]

    /// Action `action`'s probabilities, one per atom.
    package func action(_ action: Int) -> ArraySlice<Float> {
        probabilities[(action * support.count)..<((action + 1) * support.count)]
    }

    /// Action `action`'s return's standard deviation.
    package func standardDeviation(of action: Int) -> Float {
        let probabilities = self.action(action)
        let mean = zip(support, probabilities).reduce(0) { $0 + $1.0 * $1.1 }
        return zip(support, probabilities).reduce(0) { $0 + (($1.0 - mean) * ($1.0 - mean)) * $1.1 }.squareRoot()
    }
}

/// What a dueling network makes its Q-values of: the value stream's V(s) and the advantages less their
/// mean, A(s, a) − mean A(s, ·), so that Q(s, a) = V(s) + A(s, a) here.
package struct DuelingStreams: Sendable, Equatable {
    package var value: Float
    package var advantages: SIMD2<Float>
}

extension QFunction {
    package func evaluate(_ observation: Observation) -> NetworkReadout { NetworkReadout(q: qValues(observation)) }
}

extension QFunction {
    /// The greedy action of an observation (see `SIMD2.greedyAction`).
    package func greedyAction(_ observation: Observation) -> Int { qValues(observation).greedyAction }
}

extension SIMD2 where Scalar == Float {
    /// The greedy action of these Q-values: the first of the largest, as `argmax` picks.
    package var greedyAction: Int { self[1] > self[0] ? 1 : 0 }
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
