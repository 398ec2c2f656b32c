/// Chapter 03's segment trees (OpenAI baselines'): over a power-of-two number of leaves, one tree of sums
/// for proportional sampling and one of minima for the largest importance weight. Node 1 is the root and
/// node i's children are 2i and 2i + 1. The chapter's priorities are numpy float32 scalars, so its sums
/// are float32 additions in the trees' order; these are too.
struct PriorityTrees: Sendable {
    /// Leaves: the smallest power of two at least the memory's capacity.
    let capacity: Int
    private var sums: [Float]
    private var minima: [Float]

    init(leaves: Int) {
        precondition(leaves > 0, "a segment tree needs a leaf")
        var capacity = 1
        while capacity < leaves { capacity *= 2 }
        self.capacity = capacity
        sums = Array(repeating: 0, count: 2 * capacity)
        minima = Array(repeating: .infinity, count: 2 * capacity)
    }

    /// Sets leaf `index` of both trees to `value` and recomputes the nodes above it.
    mutating func set(_ index: Int, _ value: Float) {
        var node = index + capacity
        sums[node] = value
        minima[node] = value
        node /= 2
        while node >= 1 {
            sums[node] = sums[2 * node] + sums[2 * node + 1]
            // Python's min(a, b) keeps a unless b is smaller.
            let (left, right) = (minima[2 * node], minima[2 * node + 1])
            minima[node] = right < left ? right : left
            node /= 2
        }
    }

    /// Leaf `index`'s value.
    func leaf(_ index: Int) -> Float { sums[capacity + index] }

    /// The sum of every leaf: the root.
    var total: Float { sums[1] }

    /// The smallest leaf: the root of the minima.
    var minimum: Float { minima[1] }

    /// The sum of leaves 0..<end, added as the chapter's range query adds it (its `sum(0, end)`).
    func sum(below end: Int) -> Float {
        precondition(end > 0 && end <= capacity)
        return sum(0, end - 1, node: 1, nodeStart: 0, nodeEnd: capacity - 1)
    }

    private func sum(_ start: Int, _ end: Int, node: Int, nodeStart: Int, nodeEnd: Int) -> Float {
        if start == nodeStart && end == nodeEnd { return sums[node] }
        let middle = (nodeStart + nodeEnd) / 2
        if end <= middle { return sum(start, end, node: 2 * node, nodeStart: nodeStart, nodeEnd: middle) }
        if middle + 1 <= start {
            return sum(start, end, node: 2 * node + 1, nodeStart: middle + 1, nodeEnd: nodeEnd)
        }
        return sum(start, middle, node: 2 * node, nodeStart: nodeStart, nodeEnd: middle)
            + sum(middle + 1, end, node: 2 * node + 1, nodeStart: middle + 1, nodeEnd: nodeEnd)
    }

    /// The leaf where the running sum of leaves passes `upperbound` (the chapter's `retrieve`), computed in
    /// `Number`'s arithmetic: the chapter's is float32 once a priority is, and double before.
    func retrieve<Number: BinaryFloatingPoint>(_ upperbound: Number) -> Int {
        var remaining = upperbound
        var node = 1
        while node < capacity {
            let left = Number(sums[2 * node])
            if left > remaining {
                node = 2 * node
            } else {
                remaining -= left
                node = 2 * node + 1
            }
        }
        return node - capacity
    }
}
