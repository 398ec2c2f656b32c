/// The last n one-step transitions, turned into n-step transitions as the notebook's `ReplayBuffer.store` does.
///
/// Like the notebook's deque it is not cleared between episodes: the n-step return simply stops at the
/// first step that ends an episode, so it never runs past it.
package struct NStepWindow: Sendable {
    package let n: Int
    package let gamma: Double
    private var ring: [Transition] = []
    private var start = 0

    package init(n: Int, gamma: Double) {
        precondition(n >= 1, "n-step needs n >= 1")
        self.n = n
        self.gamma = gamma
        ring.reserveCapacity(n)
    }

    /// Adds a one-step transition. Once the window is full, returns its oldest one-step transition
    /// (for the 1-step memory) and the n-step transition from the same start (for the n-step memory).
    package mutating func push(_ transition: Transition) -> (oneStep: Transition, nStep: Transition)? {
        if ring.count < n {
            ring.append(transition)
            if ring.count < n { return nil }
        } else {
            ring[start] = transition
            start = (start + 1) % n
        }
        let window = (0..<n).map { ring[(start + $0) % n] }
        return (window[0], Self.nStepTransition(window, gamma: gamma))
    }

    /// The n-step transition of a window (oldest first): rewards summed up to and including the first step
    /// that ends the episode, that step's next observation, and bootstrapping masked only on termination.
    ///
    /// The sum is taken newest to oldest, `r_k + gamma * sum`, as the notebook's `_get_n_step_info`,
    /// so that the float rounding is the same.
    package static func nStepTransition(_ window: [Transition], gamma: Double) -> Transition {
        precondition(!window.isEmpty)
        let last = window.firstIndex(where: \.done) ?? window.count - 1
        var sum = Double(window[last].reward)
        for k in stride(from: last - 1, through: 0, by: -1) {
            sum = Double(window[k].reward) + gamma * sum
        }
        let end = window[last]
        return Transition(
            observation: window[0].observation, action: window[0].action, reward: Float(sum),
            nextObservation: end.nextObservation, masksBootstrap: end.masksBootstrap, done: end.done,
            steps: last + 1)
    }
}
