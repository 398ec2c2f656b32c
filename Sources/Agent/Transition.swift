/// One step of experience as the replay memories store it.
package struct Transition: Sendable, Equatable {
    package var observation: Observation
    package var action: Int
    /// The reward, or for an n-step transition the discounted sum of up to n rewards.
    package var reward: Float
    package var nextObservation: Observation
    /// The target is not bootstrapped from `nextObservation`: the episode terminated there, or (with the
    /// notebook's `TimeLimit.terminal` semantics) reached its time limit there.
    package var masksBootstrap: Bool
    /// The episode ended (terminated or truncated) at `nextObservation`.
    package var done: Bool
    /// How many rewards `reward` sums; the bootstrap discount is gamma to this power.
    package var steps: Int

    package init(
        observation: Observation, action: Int, reward: Float, nextObservation: Observation,
        masksBootstrap: Bool, done: Bool? = nil, steps: Int = 1
    ) {
        self.observation = observation
        self.action = action
        self.reward = reward
        self.nextObservation = nextObservation
        self.masksBootstrap = masksBootstrap
        self.done = done ?? masksBootstrap
        self.steps = steps
    }
}
