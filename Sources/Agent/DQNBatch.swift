/// A batch of transitions in the layout the loss reads: row-major `[rows][4]` observations and
/// one value per row for the rest. Reused between updates to avoid allocation.
package struct DQNBatch: Sendable, Equatable {
    package var observations: [Float] = []
    package var actions: [Int] = []
    package var rewards: [Float] = []
    package var nextObservations: [Float] = []
    /// gamma^steps for each row: the factor of the bootstrapped value.
    package var discounts: [Float] = []
    /// 1 where the target is not bootstrapped from the next observation (`Transition.masksBootstrap`), else 0.
    package var masks: [Float] = []

    package init() {}

    package init(
        observations: [Float], actions: [Int], rewards: [Float], nextObservations: [Float],
        discounts: [Float], masks: [Float]
    ) {
        precondition(observations.count == actions.count * 4 && nextObservations.count == actions.count * 4)
        precondition(
            rewards.count == actions.count && discounts.count == actions.count
                && masks.count == actions.count)
        self.observations = observations
        self.actions = actions
        self.rewards = rewards
        self.nextObservations = nextObservations
        self.discounts = discounts
        self.masks = masks
    }

    package var rows: Int { actions.count }

    mutating func resize(_ rows: Int) {
        guard rows != self.rows else { return }
        observations = Array(repeating: 0, count: rows * 4)
        nextObservations = Array(repeating: 0, count: rows * 4)
        actions = Array(repeating: 0, count: rows)
        rewards = Array(repeating: 0, count: rows)
        discounts = Array(repeating: 0, count: rows)
        masks = Array(repeating: 0, count: rows)
    }

    /// Both batches start from the same states with the same actions (true of the agent's paired samples).
    package func sharesStart(with other: DQNBatch) -> Bool {
        observations == other.observations && actions == other.actions
    }
}
