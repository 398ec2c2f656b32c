/// Chapter 03's prioritized replay over a replay memory's slots: a new transition gets the largest
/// priority seen, a batch is drawn one leaf from each of `batch` equal segments of the priorities' sum
/// (with replacement), each draw weighted by (N · P(i))^-β over the largest such weight, and the drawn
/// slots' priorities become their new losses plus ε. Priorities enter the trees raised to α.
///
/// The chapter computes in numpy float32 scalars (its priorities come from a float32 loss), except while
/// every priority is still its initial Python 1.0: then its segment bounds are doubles. Both are followed.
package struct PrioritizedReplay: Sendable {
    /// How much prioritization is used (0: uniform).
    let alpha: Float
    private var trees: PriorityTrees
    /// Each slot's priority as given (before raising to α), for `quantiles`.
    private var given: [Float]
    /// The largest priority given so far (before raising to α): what a new transition gets.
    package private(set) var maxPriority: Float = 1
    /// Whether `update` has given any priority yet.
    private var updated = false

    package init(capacity: Int, alpha: Double) {
        self.alpha = Float(alpha)
        trees = PriorityTrees(leaves: capacity)
        given = Array(repeating: 0, count: capacity)
    }

    /// Slot `slot` now holds a new transition: it gets the largest priority.
    package mutating func stored(at slot: Int) {
        trees.set(slot, ReproducibleMath.power(maxPriority, alpha))
        given[slot] = maxPriority
    }

    /// The priority (raised to α) of `slot`.
    package func leaf(_ slot: Int) -> Float { trees.leaf(slot) }

    /// `batch` slots of the `count` held, one from each equal segment of their priorities' sum at the point
    /// `uniform()` (in [0, 1)) places in it, and their importance weights for `beta`.
    package func sample(count: Int, batch: Int, beta: Double, uniform: () -> Double)
        -> (indices: [Int], weights: [Float])
    {
        precondition(batch > 0 && count >= batch && count <= trees.capacity)
        guard updated else {
            // Every priority is 1.0: the chapter's sums are Python integers-valued doubles, and every weight is 1.
            return (
                draw(Double(count), count: count, batch: batch, uniform: uniform), Array(repeating: 1, count: batch)
            )
        }
        let indices = draw(trees.sum(below: count), count: count, batch: batch, uniform: uniform)
        let exponent = -Float(beta)
        let total = trees.total
        let held = Float(count)
        let largest = ReproducibleMath.power(trees.minimum / total * held, exponent)
        let weights = indices.map { ReproducibleMath.power(trees.leaf($0) / total * held, exponent) / largest }
        return (indices, weights)
    }

    /// One slot per segment of `total`, in `Number`'s arithmetic as the chapter's `_sample_proportional`.
    private func draw<Number: BinaryFloatingPoint>(_ total: Number, count: Int, batch: Int, uniform: () -> Double)
        -> [Int]
    {
        let segment = total / Number(batch)
        return (0..<batch).map { i in
            let low = segment * Number(i)
            let high = segment * Number(i + 1)
            // Python's random.uniform(a, b) is a + (b - a) · random(). A bound that rounds up to the total
            // could pass every held leaf; the chapter would then read an empty slot.
            return min(trees.retrieve(low + (high - low) * Number(uniform())), count - 1)
        }
    }

    /// The drawn slots' new priorities, in the order drawn (a slot drawn twice keeps its last).
    package mutating func update(_ indices: [Int], priorities: [Float]) {
        precondition(indices.count == priorities.count)
        for (slot, priority) in zip(indices, priorities) {
            trees.set(slot, ReproducibleMath.power(priority, alpha))
            given[slot] = priority
            if priority > maxPriority { maxPriority = priority }
        }
        updated = true
    }

    /// The priorities of the `count` slots held at `TrainingMetrics.priorityLevels`, interpolated linearly
    /// between order statistics (numpy's default quantile); NaN priorities are left out, and nil when
    /// nothing is left.
    package func quantiles(count: Int) -> [Float]? {
        let sorted = given[0..<count].filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return nil }
        return TrainingMetrics.priorityLevels.map { level in
            let position = Double(sorted.count - 1) * level
            let below = Int(position.rounded(.down))
            let above = min(below + 1, sorted.count - 1)
            let fraction = Float(position - Double(below))
            return sorted[below] + (sorted[above] - sorted[below]) * fraction
        }
    }
}
