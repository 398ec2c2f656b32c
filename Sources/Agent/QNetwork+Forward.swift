/// The forward pass: the layers as the kernels run them, and what follows the last one (a dueling
/// network's streams combined, a categorical network's softmax and its mean).
extension QNetwork {
    /// Where a forward pass leaves what follows the last layer, each optional: `streams`, a dueling network's
    /// last-layer outputs (`[rows][lastOutputs]`, advantages then value); `logits`, a categorical network's
    /// (`[rows][actions][atoms]`, combined as dueling ones are); `distribution`, their softmax. Without
    /// `expectation`, a categorical network's pass ends at its logits (its Q-values are not computed).
    package struct Heads {
        var streams: UnsafeMutablePointer<Float>?
        var logits: UnsafeMutablePointer<Float>?
        var distribution: UnsafeMutablePointer<Float>?
        var expectation = true
    }

    /// Q-values of `rows` observations (`[rows][4]`) into `q` (`[rows][2]`), keeping the hidden activations
    /// in `h1` (`[rows][hidden]`) and `h2` (`[rows][secondWidth]`) for a backward pass, and the last layer
    /// in `last` when it is given (`lastLayerCount` floats; the backward pass needs it too).
    func forward(
        rows: Int, observations: UnsafePointer<Float>, h1: UnsafeMutablePointer<Float>,
        h2: UnsafeMutablePointer<Float>, q: UnsafeMutablePointer<Float>, last: UnsafeMutablePointer<Float>? = nil,
        heads: Heads = Heads(), kernels: Kernels = .chosen
    ) {
        parameters.withUnsafeBufferPointer { p in
            kernels.gemm(
                m: rows, n: hidden, k: Self.inputs, a: observations, aRow: Self.inputs, aColumn: 1,
                b: p.start + weightOffset(0), bRow: hidden, bias: p.start + biasOffset(0), relu: true, c: h1,
                cRow: hidden)
        }
        forwardAfterFirst(rows: rows, h1: h1, h2: h2, q: q, last: last, heads: heads, kernels: kernels)
    }

    /// The forward pass from the first layer's output `h1` (`[rows][hidden]`) on: see `forward`.
    func forwardAfterFirst(
        rows: Int, h1: UnsafePointer<Float>, h2: UnsafeMutablePointer<Float>, q: UnsafeMutablePointer<Float>,
        last: UnsafeMutablePointer<Float>?, heads: Heads, kernels: Kernels
    ) {
        let h = hidden
        let w = secondWidth
        let outputs = lastOutputs
        parameters.withUnsafeBufferPointer { p in
            let base = p.start
            kernels.gemm(
                m: rows, n: w, k: h, a: h1, aRow: h, aColumn: 1,
                b: base + weightOffset(1), bRow: w, bias: base + biasOffset(1), relu: true, c: h2, cRow: w)
            guard !categorical else {
                if let last { lastLayer(base, into: last, kernels: kernels) }  // for the backward pass
                withHeads(heads, rows: rows) { streams, logits, distribution in
                    categoricalLast(
                        base, rows: rows, h2: h2, into: dueling ? streams : logits, kernels: kernels)
                    if dueling { Self.combine(rows: rows, atoms: atoms, streams: streams, into: logits) }
                    if heads.expectation {
                        CategoricalHead.expectation(
                            rows: rows * Self.actions, support: support, logits: logits, distribution: distribution,
                            q: q, kernels: kernels)
                    }
                }
                return
            }
            // Few outputs fill no vector: the last layer runs as dot products with its weight's rows.
            func run(_ layer: UnsafeMutablePointer<Float>) {
                lastLayer(base, into: layer, kernels: kernels)
                guard dueling else {
                    kernels.dot(
                        m: rows, outputs: outputs, k: w, a: h2, aRow: w, w: layer, wRow: w,
                        bias: layer + outputs * w, out: q, outRow: outputs)
                    return
                }
                withHeads(heads, rows: rows) { streams, _, _ in
                    kernels.dot(
                        m: rows, outputs: outputs, k: w, a: h2, aRow: w, w: layer, wRow: w,
                        bias: layer + outputs * w, out: streams, outRow: outputs)
                    Self.combine(rows: rows, atoms: 1, streams: streams, into: q)
                }
            }
            if let last {
                run(last)
            } else {
                withUnsafeTemporaryAllocation(of: Float.self, capacity: lastLayerCount) { run($0.start) }
            }
        }
    }

    /// Runs `body` with the heads' buffers, the ones not given in scratch space (the ones this network has
    /// not, one float of it).
    private func withHeads(
        _ given: Heads, rows: Int,
        _ body: (
            _ streams: UnsafeMutablePointer<Float>, _ logits: UnsafeMutablePointer<Float>,
            _ distribution: UnsafeMutablePointer<Float>
        ) -> Void
    ) {
        let cells = categorical ? rows * Self.actions * atoms : 0
        let streams = dueling && given.streams == nil ? rows * lastOutputs : 0
        let logits = given.logits == nil ? cells : 0
        let distribution = given.distribution == nil ? cells : 0
        withUnsafeTemporaryAllocation(of: Float.self, capacity: 1 + streams + logits + distribution) { scratch in
            let free = scratch.start
            body(
                given.streams ?? free + 1, given.logits ?? free + 1 + streams,
                given.distribution ?? free + 1 + streams + logits)
        }
    }

    /// Outputs of the last layer: the Q-values, or their atoms' logits, then a dueling network's value.
    var lastOutputs: Int { Self.lastOutputs(dueling: dueling, atoms: atoms) }

    /// Floats the last layer takes as `lastLayer` writes it.
    var lastLayerCount: Int { lastOutputs * (secondWidth + 1) }

    /// The last layer as the forward pass runs it: its weight as `[lastOutputs][secondWidth]`, then its bias.
    /// A dueling network's runs both streams' last layers on the second layer's output at once: a row per
    /// advantage output, (A, 0), then per value output (0, V), so that it gives the advantages and the value
    /// as the chapter's layers do (the zeros add nothing).
    private func lastLayer(_ base: UnsafePointer<Float>, into layer: UnsafeMutablePointer<Float>, kernels: Kernels) {
        let h = hidden
        guard dueling else {
            let a = lastOutputs
            kernels.transpose(m: h, n: a, input: base + weightOffset(2), inputRow: a, out: layer, outRow: h)
            layer.advanced(by: a * h).update(from: base + biasOffset(2), count: a)
            return
        }
        let (a, k) = (Self.actions * atoms, atoms)
        let w = 2 * h
        layer.update(repeating: 0, count: (a + k) * w)
        let (advantage, value) = streamOutputs
        kernels.transpose(m: h, n: a, input: base + advantage.weight.offset, inputRow: a, out: layer, outRow: w)
        kernels.transpose(m: h, n: k, input: base + value.weight.offset, inputRow: k, out: layer + a * w + h, outRow: w)
        (layer + (a + k) * w).update(from: base + advantage.bias.offset, count: a)
        (layer + (a + k) * w + a).update(from: base + value.bias.offset, count: k)
    }

    /// A categorical network's last layer (a dueling one's two, each on its stream's half of `h2`) into
    /// `out`, `[rows][lastOutputs]`: a product of many outputs, run from the weights where they lie.
    private func categoricalLast(
        _ base: UnsafePointer<Float>, rows: Int, h2: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>,
        kernels: Kernels
    ) {
        let (h, w, outputs) = (hidden, secondWidth, lastOutputs)
        guard dueling else {
            kernels.gemm(
                m: rows, n: outputs, k: h, a: h2, aRow: w, aColumn: 1, b: base + weightOffset(2), bRow: outputs,
                bias: base + biasOffset(2), c: out, cRow: outputs)
            return
        }
        let (advantage, value) = streamOutputs
        let (a, k) = (Self.actions * atoms, atoms)
        kernels.gemm(
            m: rows, n: a, k: h, a: h2, aRow: w, aColumn: 1, b: base + advantage.weight.offset, bRow: a,
            bias: base + advantage.bias.offset, c: out, cRow: outputs)
        kernels.gemm(
            m: rows, n: k, k: h, a: h2 + h, aRow: w, aColumn: 1, b: base + value.weight.offset, bRow: k,
            bias: base + value.bias.offset, c: out + a, cRow: outputs)
    }

    /// value + advantage − mean(advantage) per atom, row by row, from `[rows][actions + 1][atoms]`
    /// advantages then value, in the chapter's order of operations.
    static func combine(rows: Int, atoms k: Int, streams: UnsafePointer<Float>, into q: UnsafeMutablePointer<Float>) {
        let a = actions
        for row in 0..<rows {
            let out = streams + row * (a + 1) * k
            let combined = q + row * a * k
            for atom in 0..<k {
                var sum: Float = 0
                for action in 0..<a { sum += out[action * k + atom] }
                let mean = sum / Float(a)
                for action in 0..<a {
                    combined[action * k + atom] = (out[a * k + atom] + out[action * k + atom]) - mean
                }
            }
        }
    }

    /// The two action values of one observation (scratch space on the stack: no allocation per call).
    public func qValues(_ observation: Observation) -> SIMD2<Float> { readout(observation, distributions: nil).q }

    /// A dueling network's value and mean-centred advantages of one observation; nil for any other network.
    package func streams(_ observation: Observation) -> DuelingStreams? {
        readout(observation, distributions: nil).streams
    }

    /// The Q-values of one observation and, for a dueling network, its streams, for a categorical one its
    /// return distributions (an implicit quantile one's on `quantileGrid`).
    package func evaluate(_ observation: Observation) -> NetworkReadout {
        if quantile { return quantileReadout(observation, taus: Self.midpoints(quantiles), distributions: true) }
        guard categorical else { return readout(observation, distributions: nil) }
        var probabilities = [Float](repeating: 0, count: Self.actions * atoms)
        var result = probabilities.withUnsafeMutableBufferPointer { self.readout(observation, distributions: $0.start) }
        result.distributions = ReturnDistributions(support: support, probabilities: probabilities)
        return result
    }

    private func readout(_ observation: Observation, distributions: UnsafeMutablePointer<Float>?) -> NetworkReadout {
        if quantile { return quantileReadout(observation, taus: Self.midpoints(quantiles)) }
        let outputs = lastOutputs
        return withUnsafeTemporaryAllocation(
            of: Float.self, capacity: Self.inputs + hidden + secondWidth + Self.actions + outputs
        ) { scratch in
            let x = scratch.start
            let h1 = x + Self.inputs
            let h2 = h1 + hidden
            let q = h2 + secondWidth
            let streams = q + Self.actions
            for j in 0..<Self.inputs { x[j] = observation[j] }
            forward(
                rows: 1, observations: x, h1: h1, h2: h2, q: q,
                heads: Heads(streams: dueling ? streams : nil, distribution: distributions))
            // A categorical network's streams are logits per atom: its Q-values are no value plus advantages.
            guard dueling && !categorical else { return NetworkReadout(q: SIMD2(q[0], q[1])) }
            let advantages = SIMD2(streams[0], streams[1])
            let centred = advantages - SIMD2(repeating: advantages.sum() / Float(Self.actions))
            return NetworkReadout(
                q: SIMD2(q[0], q[1]), streams: DuelingStreams(value: streams[Self.actions], advantages: centred))
        }
    }
}
