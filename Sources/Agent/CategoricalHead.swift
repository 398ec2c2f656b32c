/// What a categorical (C51) network does after its last layer, and its loss, as rainbow chapter 06
/// computes them: each action's softmax over its atoms' logits is its return's distribution on the support,
/// its Q-value that distribution's mean; the target is the next state's distribution moved by the reward and
/// the discount and projected back onto the support; the loss is the cross-entropy of the online network's
/// log-softmax against it. IEEE operations only (our `exponential`, no C library), so every processor and
/// kernel variant gives the same bits.
enum CategoricalHead {
    /// For each of `groups` rows of `support.count` logits, their softmax into `distribution` and its mean
    /// on the support into `q`: max, exp(x − max), 1/Σ, products, as PyTorch's softmax over the last dim.
    static func expectation(
        rows groups: Int, support: [Float], logits: UnsafePointer<Float>, distribution: UnsafeMutablePointer<Float>,
        q: UnsafeMutablePointer<Float>
    ) {
        let k = support.count
        support.withUnsafeBufferPointer { z in
            for group in 0..<groups {
                let x = logits + group * k
                let p = distribution + group * k
                let scale = 1 / shiftedExponentials(x, count: k, into: p).sum
                var mean: Float = 0
                for j in 0..<k {
                    p[j] *= scale
                    mean += p[j] * z[j]
                }
                q[group] = mean
            }
        }
    }

    /// log-softmax of `k` logits into `out`: (x − max) − log Σ exp(x − max), as PyTorch's log_softmax; and
    /// their softmax into `probabilities` as `expectation` computes it.
    static func logSoftmax(
        _ x: UnsafePointer<Float>, count k: Int, into out: UnsafeMutablePointer<Float>,
        probabilities p: UnsafeMutablePointer<Float>
    ) {
        let (largest, sum) = shiftedExponentials(x, count: k, into: p)
        let logSum = Float(ReproducibleMath.log(Double(sum)))
        let scale = 1 / sum
        for j in 0..<k {
            out[j] = (x[j] - largest) - logSum
            p[j] *= scale
        }
    }

    /// exp(x − max) of `k` logits into `p`, the softmax's numerators; returns the max and their sum.
    private static func shiftedExponentials(
        _ x: UnsafePointer<Float>, count k: Int, into p: UnsafeMutablePointer<Float>
    ) -> (largest: Float, sum: Float) {
        var largest = x[0]
        for j in 1..<k { largest = max(largest, x[j]) }
        var sum: Float = 0
        for j in 0..<k {
            p[j] = exponential(x[j] - largest)
            sum += p[j]
        }
        return (largest, sum)
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
        withUnsafeTemporaryAllocation(of: Float.self, capacity: k) { positions in
            let b = positions.start
            for j in 0..<k {
                let moved = min(max(reward + factor * support[j], vMin), vMax)
                // On the atoms' indices whatever the rounding (and 0 for a NaN, which no CartPole reward is).
                let position = (moved - vMin) / deltaZ
                b[j] = position >= 0 ? min(position, Float(k - 1)) : 0
            }
            for j in 0..<k {
                let lower = b[j].rounded(.down)
                projection[Int(lower)] += next[j] * ((lower + 1) - b[j])
            }
            for j in 0..<k {
                let lower = b[j].rounded(.down)
                projection[min(Int(lower) + 1, k - 1)] += next[j] * (b[j] - lower)
            }
        }
    }

    /// e^x in float: x = n ln 2 + r, e^r by Cephes' expf polynomial (about 1 ulp), scaled by 2^n; 0 below
    /// the smallest normal float's logarithm (a softmax's terms there count for nothing).
    static func exponential(_ x: Float) -> Float {
        if x.isNaN { return .nan }
        if x > 88.72283 { return .infinity }
        if x < -87.33654 { return 0 }
        let n = (x * 1.442_695_04 + 0.5).rounded(.down)
        let r = (x - n * 0.693_359_375) - n * -2.121_944_4e-4
        let r2 = r * r
        var y: Float = 1.987_569_15e-4
        y = y * r + 1.398_199_950_7e-3
        y = y * r + 8.333_451_907_3e-3
        y = y * r + 4.166_579_589_4e-2
        y = y * r + 1.666_666_545_9e-1
        y = y * r + 5.000_000_120_1e-1
        y = (y * r2 + r) + 1
        let exponent = Int(n)
        // y lies in [0.7, 1.5): y · 2^n stays normal while n ≥ −125, its result below that is flushed.
        guard exponent >= -125 else { return y * Float(sign: .plus, exponent: exponent, significand: 1) }
        return y * Float(bitPattern: UInt32(exponent + 127) << 23)
    }
}
