/// An implicit quantile network's pass (rainbow chapter 09's `quantile_forward`): the feature layer on
/// each state, the embedding of each fraction τ, their product, then the layers after the feature layer on
/// every (state, τ) row, which give each action's τ-quantile of the return.
extension QNetwork {
    /// Where a quantile pass leaves what its backward pass needs besides the usual buffers: the feature
    /// layer's output per state (`[states][hidden]`), the cosines per row (`[rows][embedding]`) and the
    /// embedding layer's output per row (`[rows][hidden]`), a row being a state's fraction.
    package struct QuantileScratch {
        var features: UnsafeMutablePointer<Float>
        var cosines: UnsafeMutablePointer<Float>
        var fractionFeatures: UnsafeMutablePointer<Float>
    }

    /// The quantiles of `states` observations (`[states][4]`) at `fractions` fractions each (`taus`,
    /// `[states][fractions]`) into `q` (`[states · fractions][2]`, state by state), with `h1` (the product
    /// of features and embedding), `h2` and `last` kept for a backward pass as `forward` keeps them.
    func quantileForward(
        states: Int, fractions: Int, observations: UnsafePointer<Float>, taus: UnsafePointer<Float>,
        scratch: QuantileScratch, h1: UnsafeMutablePointer<Float>, h2: UnsafeMutablePointer<Float>,
        q: UnsafeMutablePointer<Float>, last: UnsafeMutablePointer<Float>? = nil, heads: Heads = Heads(),
        kernels: Kernels = .chosen
    ) {
        precondition(quantile, "only an implicit quantile network takes fractions")
        let (h, e, rows) = (hidden, embedding, states * fractions)
        frequencies.withUnsafeBufferPointer {
            kernels.cosines(count: rows, taus: taus, frequencies: $0, into: scratch.cosines)
        }
        parameters.withUnsafeBufferPointer { p in
            kernels.gemm(
                m: states, n: h, k: Self.inputs, a: observations, aRow: Self.inputs, aColumn: 1,
                b: p.start + weightOffset(0), bRow: h, bias: p.start + biasOffset(0), relu: true,
                c: scratch.features, cRow: h)
            kernels.gemm(
                m: rows, n: h, k: e, a: scratch.cosines, aRow: e, aColumn: 1, b: p.start + embeddingOffset, bRow: h,
                bias: p.start + embeddingOffset + e * h, relu: true, c: scratch.fractionFeatures, cRow: h)
        }
        for state in 0..<states {
            for fraction in 0..<fractions {
                let row = state * fractions + fraction
                kernels.products(
                    count: h, scratch.features + state * h, scratch.fractionFeatures + row * h, into: h1 + row * h)
            }
        }
        forwardAfterFirst(rows: rows, h1: h1, h2: h2, q: q, last: last, heads: heads, kernels: kernels)
    }

    /// The quantiles of each observation (`[states][4]`) at its fractions (`[states][fractions]`), as
    /// `[states][fractions][2]`: chapter 09's `quantile_forward`.
    package func quantileValues(observations: [Float], taus: [Float], kernels: Kernels = .chosen) -> [Float] {
        let states = observations.count / Self.inputs
        precondition(states * Self.inputs == observations.count && taus.count % max(states, 1) == 0)
        return observations.withUnsafeBufferPointer { x in
            withQuantiles(states: states, observations: x.start, taus: taus, kernels: kernels) { q, _ in
                Array(UnsafeBufferPointer(start: q, count: taus.count * Self.actions))
            }
        }
    }

    /// Runs `quantileForward` on `states` observations at `taus` (`[states][fractions]`) in scratch space of
    /// its own, then `body` on the quantiles (`[states · fractions][2]`) and, for a dueling network, the
    /// last layer's outputs (`[states · fractions][lastOutputs]`: advantages, then value).
    private func withQuantiles<Result>(
        states: Int, observations: UnsafePointer<Float>, taus: [Float], kernels: Kernels,
        _ body: (_ q: UnsafePointer<Float>, _ streams: UnsafePointer<Float>?) -> Result
    ) -> Result {
        let rows = taus.count
        let (h, w, e) = (hidden, secondWidth, embedding)
        let streamsCount = dueling ? rows * lastOutputs : 0
        let capacity = states * h + rows * (e + 2 * h + w + Self.actions) + streamsCount
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: capacity) { scratch in
            let features = scratch.start
            let cosines = features + states * h
            let fractionFeatures = cosines + rows * e
            let h1 = fractionFeatures + rows * h
            let h2 = h1 + rows * h
            let q = h2 + rows * w
            let streams = q + rows * Self.actions
            taus.withUnsafeBufferPointer { t in
                quantileForward(
                    states: states, fractions: rows / max(states, 1), observations: observations, taus: t.start,
                    scratch: QuantileScratch(features: features, cosines: cosines, fractionFeatures: fractionFeatures),
                    h1: h1, h2: h2, q: q, heads: Heads(streams: dueling ? streams : nil), kernels: kernels)
            }
            return body(q, dueling ? streams : nil)
        }
    }

    /// Each state's Q-values, the mean of its `fractions` quantiles (`[states · fractions][2]`), into
    /// `means` (`[states][2]`).
    static func quantileMeans(
        _ q: UnsafePointer<Float>, states: Int, fractions: Int, into means: UnsafeMutablePointer<Float>
    ) {
        for state in 0..<states {
            var sum = SIMD2<Float>()
            for fraction in 0..<fractions {
                let row = q + (state * fractions + fraction) * actions
                sum += SIMD2(row[0], row[1])
            }
            let mean = sum / Float(fractions)
            means[state * 2] = mean[0]
            means[state * 2 + 1] = mean[1]
        }
    }

    /// The fractions an implicit quantile network is played at: the midpoints (t + ½)/n of n equal parts
    /// of [0, 1], whose quantiles' mean is the return's mean as the chapter's random fractions estimate it,
    /// the same at every call (the chapter draws them anew at every step, in its test episodes too).
    package static func midpoints(_ count: Int) -> [Float] {
        (0..<count).map { Float((Double($0) + 0.5) / Double(count)) }
    }

    /// The grid an implicit quantile network's return distributions are drawn on: chapter 06's 51 atoms on
    /// [0, 200], so that its pictures and a categorical network's compare.
    package static let quantileGrid = support(atoms: 51, vMin: 0, vMax: 200)

    /// Each action's `fractions` quantiles (`[fractions][2]`), a mass of 1/fractions each, split between the
    /// two points of `quantileGrid` around it in proportion to nearness (clamped to its ends), as the
    /// categorical projection splits: the return distributions the pictures draw.
    static func gridDistributions(_ q: UnsafePointer<Float>, fractions: Int) -> ReturnDistributions {
        let grid = quantileGrid
        let k = grid.count
        let (low, step) = (grid[0], (grid[k - 1] - grid[0]) / Float(k - 1))
        var probabilities = [Float](repeating: 0, count: actions * k)
        let mass = 1 / Float(fractions)
        for row in 0..<fractions {
            for action in 0..<actions {
                let value = q[row * actions + action]
                let position = value.isNaN ? 0 : min(max((value - low) / step, 0), Float(k - 1))
                let lower = Int(position)
                let share = position - Float(lower)
                probabilities[action * k + lower] += mass * (1 - share)
                if share > 0 { probabilities[action * k + lower + 1] += mass * share }
            }
        }
        return ReturnDistributions(support: grid, probabilities: probabilities)
    }

    /// The Q-values of one observation at the given fractions, a dueling network's streams averaged over
    /// them (so that Q = V + A still holds), and with `distributions` each action's return distribution on
    /// `quantileGrid`.
    func quantileReadout(_ observation: Observation, taus: [Float], distributions: Bool = false) -> NetworkReadout {
        let n = taus.count
        return withUnsafeBytes(of: observation) { x in
            withQuantiles(states: 1, observations: x.bindMemory(to: Float.self).start, taus: taus, kernels: .chosen) {
                q, streams in quantileReadout(q: q, streams: streams, fractions: n, distributions: distributions)
            }
        }
    }

    /// A readout from one observation's quantiles and streams (see `quantileReadout`).
    private func quantileReadout(
        q: UnsafePointer<Float>, streams: UnsafePointer<Float>?, fractions n: Int, distributions: Bool
    )
        -> NetworkReadout
    {
        let outputs = lastOutputs
        var mean = SIMD2<Float>()
        withUnsafeMutableBytes(of: &mean) {
            Self.quantileMeans(q, states: 1, fractions: n, into: $0.bindMemory(to: Float.self).start)
        }
        let grid = distributions ? Self.gridDistributions(q, fractions: n) : nil
        guard let streams else { return NetworkReadout(q: mean, distributions: grid) }
        var (value, advantages) = (Float(0), SIMD2<Float>())
        for row in 0..<n {
            let out = streams + row * outputs
            let a = SIMD2(out[0], out[1])
            advantages += a - SIMD2(repeating: a.sum() / Float(Self.actions))
            value += out[Self.actions]
        }
        return NetworkReadout(
            q: mean, streams: DuelingStreams(value: value / Float(n), advantages: advantages / Float(n)),
            distributions: grid)
    }
}
