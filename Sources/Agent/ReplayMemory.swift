import Foundation

/// A fixed-capacity ring buffer of transitions, sampled uniformly without replacement, as the notebook's
/// `ReplayBuffer`. Stored column by column in flat arrays, ready to be gathered into a `DQNBatch`.
package struct ReplayMemory: Sendable {
    package let capacity: Int
    package let gamma: Double
    /// Transitions held, at most `capacity`.
    package private(set) var count = 0
    /// Where the next transition goes.
    package private(set) var position = 0
    private var observations: [Float]
    private var nextObservations: [Float]
    private var actions: [Int32]
    private var rewards: [Float]
    private var discounts: [Float]
    private var steps: [Int32]
    private var masks: [Float]

    package init(capacity: Int, gamma: Double) {
        precondition(capacity > 0, "a replay memory needs room")
        self.capacity = capacity
        self.gamma = gamma
        observations = Array(repeating: 0, count: capacity * 4)
        nextObservations = Array(repeating: 0, count: capacity * 4)
        actions = Array(repeating: 0, count: capacity)
        rewards = Array(repeating: 0, count: capacity)
        discounts = Array(repeating: 0, count: capacity)
        steps = Array(repeating: 0, count: capacity)
        masks = Array(repeating: 0, count: capacity)
    }

    package mutating func store(_ transition: Transition) {
        let i = position
        for j in 0..<4 {
            observations[i * 4 + j] = transition.observation[j]
            nextObservations[i * 4 + j] = transition.nextObservation[j]
        }
        actions[i] = Int32(transition.action)
        rewards[i] = transition.reward
        discounts[i] = Float(CorrectlyRounded.power(gamma, transition.steps))
        steps[i] = Int32(transition.steps)
        masks[i] = transition.masksBootstrap ? 1 : 0
        position = (position + 1) % capacity
        count = min(count + 1, capacity)
    }

    /// `size` distinct indices drawn uniformly from those held (the notebook's `np.random.choice(replace=False)`).
    package func sampleIndices(_ size: Int, using generator: inout SplitMix64) -> [Int] {
        precondition(size <= count, "cannot sample \(size) of \(count) transitions without replacement")
        var chosen: [Int] = []
        chosen.reserveCapacity(size)
        // The same draws either way; a linear search is fastest for small batches, a set keeps large ones
        // linear in the batch size instead of quadratic.
        if size <= 64 {
            while chosen.count < size {
                let index = generator.nextIndex(below: count)
                if !chosen.contains(index) { chosen.append(index) }
            }
        } else {
            var seen = Set<Int>(minimumCapacity: size)
            while chosen.count < size {
                let index = generator.nextIndex(below: count)
                if seen.insert(index).inserted { chosen.append(index) }
            }
        }
        return chosen
    }

    /// Copies the transitions at `indices` into `batch` (the notebook's `sample_batch_from_idxs`).
    package func gather(_ indices: [Int], into batch: inout DQNBatch) {
        batch.resize(indices.count)
        for (row, i) in indices.enumerated() {
            for j in 0..<4 {
                batch.observations[row * 4 + j] = observations[i * 4 + j]
                batch.nextObservations[row * 4 + j] = nextObservations[i * 4 + j]
            }
            batch.actions[row] = Int(actions[i])
            batch.rewards[row] = rewards[i]
            batch.discounts[row] = discounts[i]
            batch.masks[row] = masks[i]
        }
    }

    /// The number of rewards the transition at `index` sums (1 in a 1-step memory).
    func steps(at index: Int) -> Int { Int(steps[index]) }

    /// Appends the four floats of the next observation stored at `index`.
    func appendNextObservation(at index: Int, to values: inout [Float]) {
        values.append(contentsOf: nextObservations[(index * 4)..<(index * 4 + 4)])
    }

    /// The transition stored at `index`, for inspection and tests.
    package func transition(at index: Int) -> Transition {
        precondition(index < count)
        let o = Observation((0..<4).map { observations[index * 4 + $0] })
        let n = Observation((0..<4).map { nextObservations[index * 4 + $0] })
        return Transition(
            observation: o, action: Int(actions[index]), reward: rewards[index],
            nextObservation: n, masksBootstrap: masks[index] == 1, steps: Int(steps[index]))
    }
}
