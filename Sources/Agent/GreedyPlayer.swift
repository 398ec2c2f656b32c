/// Plays test episodes with a trained network: greedy, or with probability `epsilon` a random action.
/// Its first episode starts where Gymnasium's `env.reset(seed=seed)` does, each later one where the next
/// `env.reset()` does (the environment's generator, `NumpyPCG64`); the random actions are drawn from a
/// generator of our own seeded alike (`SplitMix64`), at epsilon 0 never.
package struct GreedyPlayer: Sendable {
    package let network: any QFunction
    package let environment: EnvironmentID
    package let epsilon: Double
    /// Whether each step carries what the network makes its Q-values of (a dueling network's streams, a
    /// categorical one's distributions), which videos draw; false gives the Q-values alone, which is all
    /// an evaluation needs (and spares a categorical network's distributions a copy per step).
    package var fullReadout = true
    private var resets: NumpyPCG64
    private var generator: SplitMix64

    /// Fails only when `CARTPOLE_KERNELS` names kernels this processor cannot run.
    package init(network: any QFunction, environment: EnvironmentID, seed: UInt64, epsilon: Double = 0)
        throws(AgentError)
    {
        _ = try Kernels.load()
        self.network = network
        self.environment = environment
        self.epsilon = epsilon
        resets = NumpyPCG64(seed: seed)
        generator = SplitMix64(seed: seed)
    }

    /// Plays one episode from a random reset. `visit` sees the reset state and the state after every step
    /// (T + 1 calls for T steps), each with the action taken there (nil at the end).
    /// Returns the episode's return and length, and whether it terminated (else the time limit ended it).
    @discardableResult
    package mutating func play(_ visit: (EpisodeStep) throws -> Void = { _ in }) rethrows -> (
        return: Double, length: Int, terminated: Bool
    ) {
        var env = CartPole(id: environment)
        var observation = env.reset(using: &resets)
        var total = 0.0
        while true {
            // One pass gives the Q-values, a dueling network's streams, a categorical one's distributions.
            let readout = read(observation)
            let q = readout.q
            var action = q.greedyAction
            if epsilon > 0 && generator.nextUnit() < epsilon { action = generator.nextIndex(below: 2) }
            try visit(
                EpisodeStep(
                    step: env.elapsedSteps, state: env.state, qValues: q, streams: readout.streams, action: action,
                    returnSoFar: total, distributions: readout.distributions))
            let result = env.step(action)
            total += Double(result.reward)
            observation = result.observation
            if result.done {
                let readout = read(observation)
                try visit(
                    EpisodeStep(
                        step: env.elapsedSteps, state: env.state, qValues: readout.q, streams: readout.streams,
                        action: nil, returnSoFar: total, distributions: readout.distributions))
                return (total, env.elapsedSteps, result.terminated)
            }
        }
    }

    private func read(_ observation: Observation) -> NetworkReadout {
        fullReadout ? network.evaluate(observation) : NetworkReadout(q: network.qValues(observation))
    }

    /// Mean return of `episodes` greedy episodes.
    package mutating func meanReturn(episodes: Int) -> Double {
        var total = 0.0
        for _ in 0..<episodes { total += play { _ in }.return }
        return total / Double(episodes)
    }
}
