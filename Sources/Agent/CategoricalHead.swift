/// What a categorical (C51) network does after its last layer, and its loss, as rainbow chapter 06
/// computes them: each action's softmax over its atoms' logits is its return's distribution on the support,
/// its Q-value that distribution's mean; the target is the next state's distribution moved by the reward and
/// the discount and projected back onto the support; the loss is the cross-entropy of the online network's
/// log-softmax against it. IEEE operations only (the kernels' exponential, no C library), so every processor
/// and kernel variant gives the same bits.
enum CategoricalHead {
    /// For each of `groups` rows of `support.count` logits, their softmax into `distribution` and its mean
    /// on the support into `q` (the kernels' `softmax`: max, exp(x − max), 1/Σ, products, as PyTorch's
    /// softmax over the last dim).
    static func expectation(
        rows groups: Int, support: [Float], logits: UnsafePointer<Float>, distribution: UnsafeMutablePointer<Float>,
        q: UnsafeMutablePointer<Float>, kernels: Kernels
    ) {
        support.withUnsafeBufferPointer { z in
            kernels.softmax(
                groups: groups, k: z.count, x: logits, z: z.baseAddress, p: distribution, q: q)
        }
    }

    /// log-softmax of the `starts.count` groups of `k` logits at `x + starts[g]` into `out` (`[groups][k]`):
    /// (x − max) − log Σ exp(x − max), as PyTorch's log_softmax; and their softmax into `probabilities`
    /// at the same offsets as `expectation` computes it.
    static func logSoftmax(
        _ x: UnsafePointer<Float>, starts: [Int], count k: Int, into out: UnsafeMutablePointer<Float>,
        probabilities p: UnsafeMutablePointer<Float>, kernels: Kernels
    ) {
        let groups = starts.count
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * groups) { buffer in
            let (largest, sum) = (buffer.start, buffer.start + groups)
            starts.withUnsafeBufferPointer { starts in
                kernels.softmax(
                    groups: groups, k: k, x: x, starts: starts.baseAddress, p: p, largest: largest, sum: sum)
            }
            for (g, start) in starts.enumerated() {
                let logSum = Float(ReproducibleMath.log(Double(sum[g])))
                for j in 0..<k { out[g * k + j] = (x[start + j] - largest[g]) - logSum }
            }
        }
    }

    /// Adds to `projection` (`support.count` floats, zeroed by the caller) the distribution `next` moved to
    /// reward + ((1 − mask) · discount) · z, clamped to [vMin, vMax] and split between the two atoms around
    /// each point in proportion to nearness, as chapter 06's two index_add_ calls (the lower atoms' shares
    /// for every point first, then the upper ones').
    static func project(
        _ next: UnsafePointer<Float>, reward: Float, discount: Float, mask: Float, support: [Float],
        into projection: UnsafeMutablePointer<Float>
    ) {
        let k = support.count
        let (vMin, vMax) = (support[0], support[k - 1])
        let deltaZ = Float((Double(vMax) - Double(vMin)) / Double(k - 1))
        let factor = (1 - mask) * discount
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * k) { buffer in
            let (b, lower) = (buffer.start, buffer.start + k)
            for j in 0..<k {
                let moved = min(max(reward + factor * support[j], vMin), vMax)
                // On the atoms' indices whatever the rounding (and 0 for a NaN, which no CartPole reward is).
                let position = (moved - vMin) / deltaZ
                b[j] = position >= 0 ? min(position, Float(k - 1)) : 0
                // ⌊b⌋: b is +0 or more, where truncation is the floor.
                lower[j] = Float(Int(b[j]))
            }
            for j in 0..<k { projection[Int(lower[j])] += next[j] * ((lower[j] + 1) - b[j]) }
            for j in 0..<k { projection[min(Int(lower[j]) + 1, k - 1)] += next[j] * (b[j] - lower[j]) }
        }
    }
}
