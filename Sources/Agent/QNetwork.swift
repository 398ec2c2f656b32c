import OutputFiles

/// The Q-network of the notebook's `Network`, `Linear(4,h)-ReLU-Linear(h,h)-ReLU-Linear(h,2)`, or of
/// rainbow chapter 04's dueling `Network`: a feature layer `Linear(4,h)-ReLU`, then an advantage stream
/// `Linear(h,h)-ReLU-Linear(h,2)` and a value stream `Linear(h,h)-ReLU-Linear(h,1)`, combined as
/// q = value + advantage − mean(advantage).
///
/// All parameters live in one flat array (what Adam steps), tensor by tensor: a weight stored transposed,
/// `[in][out]` (so the forward pass streams along output rows), then its bias. A dueling network keeps its
/// two streams' first layers side by side as one `[h][2h]` weight (advantage units first), so that both
/// run as one layer, and their last layers as one of three outputs (`lastLayer`), combined into q after.
///
/// Or rainbow chapter 05's noisy `Network`: `Linear(4,h)` then two `NoisyLinear` layers, whose weights are
/// μ + σ ⊙ ε for factorised Gaussian noise ε. Its `parameters` hold the means first, laid out as the plain
/// network's (so that the plain forward pass runs on them: the chapter's greedy `eval()` mode and its
/// target network), then the σ of the two noisy layers laid out alike; `noise` holds ε in the σ's layout.
public struct QNetwork: QFunction, Equatable {
    /// The observation's size: cart position and velocity, pole angle and angular velocity.
    public static let inputs = 4
    /// The actions: push left, push right.
    public static let actions = 2
    /// Units in each hidden layer (of each stream, for a dueling network).
    public let hidden: Int
    /// Whether it is chapter 04's dueling network.
    public let dueling: Bool
    /// Whether it is chapter 05's noisy network.
    public let noisy: Bool
    package var parameters: [Float]
    /// A noisy network's ε (its `weight_epsilon` and `bias_epsilon` buffers), in its σ's layout; else empty.
    package var noise: [Float]

    /// One of the network's tensors as PyTorch's `state_dict()` names and shapes it (`[out, in]` or `[out]`),
    /// and where it lies in `parameters`: a weight's element (o, i) at `offset + i * stride + o`.
    package struct Tensor: Sendable, Equatable {
        package let name: String
        package let shape: [Int]
        let offset: Int
        let stride: Int
        /// A buffer (a noisy layer's ε), held in `noise` rather than `parameters`: saved, never trained.
        var buffer = false
    }

    /// The tensors, by `state_dict()` name: in its order for the notebook's and the dueling network; a noisy
    /// network's means first (the plain layers the forward pass reads, layer by layer), then each noisy
    /// layer's σ and ε.
    package let tensors: [Tensor]

    package init(hidden: Int, dueling: Bool = false, noisy: Bool = false) {
        precondition(hidden > 0, "the hidden layers need units")
        precondition(!(dueling && noisy), "a noisy dueling network is not made yet")
        self.hidden = hidden
        self.dueling = dueling
        self.noisy = noisy
        tensors = Self.tensors(hidden: hidden, dueling: dueling, noisy: noisy)
        parameters = Array(
            repeating: 0, count: Self.parameterCount(hidden: hidden, dueling: dueling, noisy: noisy))
        noise = Array(repeating: 0, count: noisy ? Self.noisyCount(hidden: hidden) : 0)
    }

    /// A network initialised as PyTorch's `nn.Linear`: weights and biases uniform in ±1/sqrt(fan_in), drawn
    /// tensor by tensor in `tensors`' order (a noisy network's means so too, its σ as chapter 05 sets them,
    /// then its first noise).
    package init(
        hidden: Int, dueling: Bool = false, noisy: Bool = false, sigma0: Double = 0.5,
        using generator: inout SplitMix64
    ) {
        self.init(hidden: hidden, dueling: dueling, noisy: noisy)
        // Tensors come in pairs, a layer's weight then its bias; both are bounded by the weight's fan-in.
        // A noisy network's means are drawn so (its first six tensors), its σ set as chapter 05's
        // reset_parameters sets them: σ0/sqrt(in) for a weight, σ0/sqrt(out) for a bias.
        for pair in stride(from: 0, to: noisy ? 6 : tensors.count, by: 2) {
            let bound = 1 / Double(tensors[pair].shape[1]).squareRoot()
            for tensor in tensors[pair...(pair + 1)] {
                set(
                    tensor,
                    (0..<tensor.shape.reduce(1, *)).map { _ in Float(-bound + 2 * bound * generator.nextUnit()) })
            }
        }
        guard noisy else { return }
        for sigma in tensors.filter({ $0.name.hasSuffix("_sigma") }) {
            let fan = Double(sigma.shape.count == 2 ? sigma.shape[1] : sigma.shape[0])
            set(sigma, Array(repeating: Float(sigma0 / fan.squareRoot()), count: sigma.shape.reduce(1, *)))
        }
        resetNoise(using: &generator)
    }

    /// Floats of a noisy network's σ (and of its ε): its two noisy layers' weights and biases.
    package static func noisyCount(hidden h: Int) -> Int { (h + 1) * h + (h + 1) * actions }

    /// Where a noisy network's σ begin in `parameters`, after the means: the plain network's parameters.
    package var sigmaOffset: Int { tensors[5].offset + Self.actions }

    /// Where the two noisy layers' means begin in `parameters` (the plain network's layer 1).
    var noisyMeansOffset: Int { tensors[2].offset }

    /// New factorised noise for both noisy layers, as chapter 05's `reset_noise`: for each, ε_in and
    /// ε_out are f(x) = sign(x)·sqrt(|x|) of standard normal draws (ours: `StandardNormal` on the agent's
    /// generator), the weight's ε is their outer product and the bias's ε_out.
    package mutating func resetNoise(using generator: inout SplitMix64) {
        precondition(noisy, "only a noisy network has noise")
        func scaled(_ count: Int) -> [Float] {
            StandardNormal.draws(count, using: &generator).map { x in Float(x < 0 ? -(-x).squareRoot() : x.squareRoot())
            }
        }
        var start = 0
        for (inputs, outputs) in [(hidden, hidden), (hidden, Self.actions)] {
            let inward = scaled(inputs)
            let outward = scaled(outputs)
            noise.withUnsafeMutableBufferPointer { e in
                outward.withUnsafeBufferPointer { out in
                    let e = e.start + start
                    for i in 0..<inputs {
                        let row = e + i * outputs
                        let factor = inward[i]
                        for o in 0..<outputs { row[o] = out[o] * factor }
                    }
                    (e + inputs * outputs).update(from: out.start, count: outputs)
                }
            }
            start += (inputs + 1) * outputs
        }
    }

    /// Each noisy layer's mean |σ| over its weights and biases: how much noise it keeps.
    package var meanAbsoluteSigmas: [Float] {
        let sigmas = sigmaOffset
        let first = (hidden + 1) * hidden
        let layers = [(sigmas, first), (sigmas + first, Self.noisyCount(hidden: hidden) - first)]
        return layers.map { start, count in
            Float(parameters[start..<(start + count)].reduce(0.0) { $0 + Double(abs($1)) } / Double(count))
        }
    }

    /// A noisy network as its training forward pass sees it: the plain network whose noisy layers'
    /// weights are μ + σ ⊙ ε.
    package var withNoise: QNetwork {
        var plain = QNetwork(hidden: hidden)
        applyNoise(to: &plain)
        return plain
    }

    /// Writes μ + σ ⊙ ε into `plain`, a plain network of the same hidden width (reused between updates).
    package func applyNoise(to plain: inout QNetwork) {
        let (means, sigmas) = (noisyMeansOffset, sigmaOffset)
        precondition(noisy && !plain.noisy && plain.parameters.count == sigmas, "a plain network of the same width")
        plain.parameters.withUnsafeMutableBufferPointer { out in
            parameters.withUnsafeBufferPointer { p in
                noise.withUnsafeBufferPointer { e in
                    out.start.update(from: p.start, count: means)
                    for k in 0..<e.count { out[means + k] = p[means + k] + p[sigmas + k] * e[k] }
                }
            }
        }
    }

    /// A noisy network's gradient from the gradient of its `withNoise` network: the means' is that one's,
    /// and each σ's is its weight's times its ε.
    package func noisyGradient(from plain: [Float], into gradient: inout [Float]) {
        let (means, sigmas) = (noisyMeansOffset, sigmaOffset)
        precondition(noisy && plain.count == sigmas && gradient.count == parameters.count)
        gradient.withUnsafeMutableBufferPointer { out in
            plain.withUnsafeBufferPointer { g in
                noise.withUnsafeBufferPointer { e in
                    out.start.update(from: g.start, count: sigmas)
                    for k in 0..<e.count { out[sigmas + k] = g[means + k] * e[k] }
                }
            }
        }
    }

    /// Number of parameters of a network with `hidden` units per hidden layer.
    package static func parameterCount(hidden: Int, dueling: Bool = false, noisy: Bool = false) -> Int {
        tensors(hidden: hidden, dueling: dueling, noisy: noisy).filter { !$0.buffer }.reduce(0) {
            $0 + $1.shape.reduce(1, *)
        }
    }

    private static func tensors(hidden h: Int, dueling: Bool, noisy: Bool) -> [Tensor] {
        let x = inputs
        let a = actions
        if noisy {
            // The means where a plain network's layers lie, then the σ and the ε in the same layout.
            let second = (x + 1) * h
            let third = second + (h + 1) * h
            let sigma = third + (h + 1) * a
            let layers = [("noisy_layer1", h, second - second), ("noisy_layer2", a, third - second)]
            return plainLayers(
                hidden: h,
                names: [
                    "feature.weight", "feature.bias", "noisy_layer1.weight_mu", "noisy_layer1.bias_mu",
                    "noisy_layer2.weight_mu", "noisy_layer2.bias_mu",
                ])
                + layers.flatMap { name, outputs, start -> [Tensor] in
                    [
                        Tensor(
                            name: name + ".weight_sigma", shape: [outputs, h], offset: sigma + start, stride: outputs),
                        Tensor(
                            name: name + ".bias_sigma", shape: [outputs], offset: sigma + start + h * outputs, stride: 1
                        ),
                        Tensor(
                            name: name + ".weight_epsilon", shape: [outputs, h], offset: start, stride: outputs,
                            buffer: true),
                        Tensor(
                            name: name + ".bias_epsilon", shape: [outputs], offset: start + h * outputs, stride: 1,
                            buffer: true),
                    ]
                }
        }
        guard dueling else {
            return plainLayers(
                hidden: h,
                names: [
                    "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight",
                    "layers.4.bias",
                ])
        }
        let streams = (x + 1) * h
        let advantage = streams + (h + 1) * 2 * h
        let value = advantage + (h + 1) * a
        return [
            Tensor(name: "feature_layer.0.weight", shape: [h, x], offset: 0, stride: h),
            Tensor(name: "feature_layer.0.bias", shape: [h], offset: x * h, stride: 1),
            Tensor(name: "advantage_layer.0.weight", shape: [h, h], offset: streams, stride: 2 * h),
            Tensor(name: "advantage_layer.0.bias", shape: [h], offset: streams + 2 * h * h, stride: 1),
            Tensor(name: "advantage_layer.2.weight", shape: [a, h], offset: advantage, stride: a),
            Tensor(name: "advantage_layer.2.bias", shape: [a], offset: advantage + h * a, stride: 1),
            Tensor(name: "value_layer.0.weight", shape: [h, h], offset: streams + h, stride: 2 * h),
            Tensor(name: "value_layer.0.bias", shape: [h], offset: streams + 2 * h * h + h, stride: 1),
            Tensor(name: "value_layer.2.weight", shape: [1, h], offset: value, stride: 1),
            Tensor(name: "value_layer.2.bias", shape: [1], offset: value + h, stride: 1),
        ]
    }

    /// The notebook's three layers, weight then bias each, where a plain network keeps them, under `names`.
    private static func plainLayers(hidden h: Int, names: [String]) -> [Tensor] {
        let (x, a) = (inputs, actions)
        let second = (x + 1) * h
        let third = second + (h + 1) * h
        return [
            Tensor(name: names[0], shape: [h, x], offset: 0, stride: h),
            Tensor(name: names[1], shape: [h], offset: x * h, stride: 1),
            Tensor(name: names[2], shape: [h, h], offset: second, stride: h),
            Tensor(name: names[3], shape: [h], offset: second + h * h, stride: 1),
            Tensor(name: names[4], shape: [a, h], offset: third, stride: a),
            Tensor(name: names[5], shape: [a], offset: third + h * a, stride: 1),
        ]
    }

    /// A dueling network's streams' last layers, as (weight, bias) tensors: the advantages' and the value's.
    var streamOutputs: (advantage: (weight: Tensor, bias: Tensor), value: (weight: Tensor, bias: Tensor)) {
        precondition(dueling, "only a dueling network has streams")
        return ((tensors[4], tensors[5]), (tensors[8], tensors[9]))
    }

    /// Units of the second hidden layer: `hidden`, or both streams' (2 · hidden) in a dueling network.
    package var secondWidth: Int { Self.secondWidth(hidden: hidden, dueling: dueling) }

    /// Units of the second hidden layer of a network of `hidden` units, dueling or not.
    package static func secondWidth(hidden: Int, dueling: Bool) -> Int { dueling ? 2 * hidden : hidden }

    /// Outputs of the last layer, dueling or not: the Q-values, or the advantages then the value.
    package static func lastOutputs(dueling: Bool) -> Int { dueling ? actions + 1 : actions }

    /// A tensor's values in PyTorch's layout (`[out][in]` row-major for a weight).
    package func values(_ tensor: Tensor) -> [Float] {
        let storage = tensor.buffer ? noise : parameters
        guard tensor.shape.count == 2 else {
            return Array(storage[tensor.offset..<(tensor.offset + tensor.shape[0])])
        }
        let (outputs, inputs) = (tensor.shape[0], tensor.shape[1])
        var result = [Float](repeating: 0, count: inputs * outputs)
        for o in 0..<outputs {
            for i in 0..<inputs { result[o * inputs + i] = storage[tensor.offset + i * tensor.stride + o] }
        }
        return result
    }

    /// Sets a tensor from PyTorch's layout.
    package mutating func set(_ tensor: Tensor, _ values: [Float]) {
        precondition(values.count == tensor.shape.reduce(1, *), "\(tensor.name) needs \(tensor.shape) values")
        func write(_ storage: inout [Float]) {
            guard tensor.shape.count == 2 else {
                storage.replaceSubrange(tensor.offset..<(tensor.offset + values.count), with: values)
                return
            }
            let (outputs, inputs) = (tensor.shape[0], tensor.shape[1])
            for o in 0..<outputs {
                for i in 0..<inputs { storage[tensor.offset + i * tensor.stride + o] = values[o * inputs + i] }
            }
        }
        if tensor.buffer { write(&noise) } else { write(&parameters) }
    }

    /// The tensor called `name`.
    package func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }

    /// Offset in `parameters` of layer 0 or 1's transposed weight (layer 1: both streams' in a dueling
    /// network), or of a plain network's layer 2; its bias follows it.
    func weightOffset(_ layer: Int) -> Int { tensors[2 * layer].offset }

    func biasOffset(_ layer: Int) -> Int { tensors[2 * layer + 1].offset }

    /// (inputs, outputs) of a plain network's layer 0, 1 or 2.
    package func shape(_ layer: Int) -> (inputs: Int, outputs: Int) {
        precondition(!dueling, "a dueling network's layers are named tensors")
        let shape = tensors[2 * layer].shape
        return (shape[1], shape[0])
    }

    /// A plain network's layer weight in PyTorch's layout, `[out][in]` row-major.
    package func weight(_ layer: Int) -> [Float] { values(tensors[2 * layer]) }

    package func bias(_ layer: Int) -> [Float] { values(tensors[2 * layer + 1]) }

    /// Sets a plain network's layer weight from PyTorch's layout, `[out][in]` row-major.
    package mutating func setWeight(_ layer: Int, _ weight: [Float]) { set(tensors[2 * layer], weight) }

    package mutating func setBias(_ layer: Int, _ bias: [Float]) { set(tensors[2 * layer + 1], bias) }

    // MARK: - Forward

    /// Q-values of `rows` observations (`[rows][4]`) into `q` (`[rows][2]`), keeping the hidden activations
    /// in `h1` (`[rows][hidden]`) and `h2` (`[rows][secondWidth]`) for a backward pass, and the last layer
    /// in `last` when it is given (`lastLayerCount` floats; the backward pass needs it too).
    func forward(
        rows: Int, observations: UnsafePointer<Float>, h1: UnsafeMutablePointer<Float>,
        h2: UnsafeMutablePointer<Float>, q: UnsafeMutablePointer<Float>, last: UnsafeMutablePointer<Float>? = nil,
        streams given: UnsafeMutablePointer<Float>? = nil, kernels: Kernels = .chosen
    ) {
        let h = hidden
        let w = secondWidth
        let outputs = lastOutputs
        parameters.withUnsafeBufferPointer { p in
            let base = p.start
            kernels.gemm(
                m: rows, n: h, k: Self.inputs, a: observations, aRow: Self.inputs, aColumn: 1,
                b: base + weightOffset(0), bRow: h, bias: base + biasOffset(0), relu: true, c: h1, cRow: h)
            kernels.gemm(
                m: rows, n: w, k: h, a: h1, aRow: h, aColumn: 1,
                b: base + weightOffset(1), bRow: w, bias: base + biasOffset(1), relu: true, c: h2, cRow: w)
            // Two or three outputs fill no vector: the last layer runs as dot products with its weight's rows.
            func run(_ layer: UnsafeMutablePointer<Float>) {
                lastLayer(base, into: layer, kernels: kernels)
                guard dueling else {
                    kernels.dot(
                        m: rows, outputs: outputs, k: w, a: h2, aRow: w, w: layer, wRow: w,
                        bias: layer + outputs * w, out: q, outRow: outputs)
                    return
                }
                func combine(_ streams: UnsafeMutablePointer<Float>) {
                    kernels.dot(
                        m: rows, outputs: outputs, k: w, a: h2, aRow: w, w: layer, wRow: w,
                        bias: layer + outputs * w, out: streams, outRow: outputs)
                    Self.combine(rows: rows, streams: streams, into: q)
                }
                if let given {
                    combine(given)
                } else {
                    withUnsafeTemporaryAllocation(of: Float.self, capacity: rows * outputs) { combine($0.start) }
                }
            }
            if let last {
                run(last)
            } else {
                withUnsafeTemporaryAllocation(of: Float.self, capacity: lastLayerCount) { run($0.start) }
            }
        }
    }

    /// Outputs of the last layer: the Q-values, or a dueling network's advantages then its value.
    var lastOutputs: Int { Self.lastOutputs(dueling: dueling) }

    /// Floats the last layer takes as `lastLayer` writes it.
    var lastLayerCount: Int { lastOutputs * (secondWidth + 1) }

    /// The last layer as the forward pass runs it: its weight as `[lastOutputs][secondWidth]`, then its bias.
    /// A dueling network's runs both streams' last layers on the second layer's output at once: a row per
    /// action, (A_a, 0), then (0, V), so that it gives the advantages and the value as the chapter's layers
    /// do (the zeros add nothing).
    private func lastLayer(_ base: UnsafePointer<Float>, into layer: UnsafeMutablePointer<Float>, kernels: Kernels) {
        let h = hidden
        let a = Self.actions
        guard dueling else {
            kernels.transpose(m: h, n: a, input: base + weightOffset(2), inputRow: a, out: layer, outRow: h)
            layer.advanced(by: a * h).update(from: base + biasOffset(2), count: a)
            return
        }
        let w = 2 * h
        layer.update(repeating: 0, count: (a + 1) * w)
        let (advantage, value) = streamOutputs
        kernels.transpose(m: h, n: a, input: base + advantage.weight.offset, inputRow: a, out: layer, outRow: w)
        (layer + a * w + h).update(from: base + value.weight.offset, count: h)
        (layer + (a + 1) * w).update(from: base + advantage.bias.offset, count: a)
        layer[(a + 1) * w + a] = base[value.bias.offset]
    }

    /// q = value + advantage − mean(advantage), row by row, from `[rows][actions + 1]` advantages then value,
    /// in the chapter's order of operations.
    static func combine(rows: Int, streams: UnsafePointer<Float>, into q: UnsafeMutablePointer<Float>) {
        let a = actions
        for row in 0..<rows {
            let out = streams + row * (a + 1)
            var sum: Float = 0
            for action in 0..<a { sum += out[action] }
            let mean = sum / Float(a)
            for action in 0..<a { q[row * a + action] = (out[a] + out[action]) - mean }
        }
    }

    /// The two action values of one observation (scratch space on the stack: no allocation per call).
    public func qValues(_ observation: Observation) -> SIMD2<Float> { evaluate(observation).q }

    /// A dueling network's value and mean-centred advantages of one observation; nil for a plain network.
    package func streams(_ observation: Observation) -> DuelingStreams? { evaluate(observation).streams }

    /// The Q-values of one observation and, for a dueling network, its streams.
    package func evaluate(_ observation: Observation) -> (q: SIMD2<Float>, streams: DuelingStreams?) {
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
            forward(rows: 1, observations: x, h1: h1, h2: h2, q: q, streams: dueling ? streams : nil)
            guard dueling else { return (SIMD2(q[0], q[1]), nil) }
            let advantages = SIMD2(streams[0], streams[1])
            let mean = advantages.sum() / Float(Self.actions)
            return (
                SIMD2(q[0], q[1]),
                DuelingStreams(value: streams[Self.actions], advantages: advantages - SIMD2(repeating: mean))
            )
        }
    }
}
