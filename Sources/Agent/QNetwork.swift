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
/// Chapter 08's noisy dueling network is laid out so too: a dueling network's means, then its four noisy
/// layers' σ (both streams' two layers) where those means lie.
///
/// Or categorical (chapter 06's C51, and chapter 08's): the last layer gives `atoms` logits per action (and
/// per value, dueling), combined per atom as above; each action's softmax over the atoms is its return's
/// distribution on `support`, and its Q-value that distribution's mean.
public struct QNetwork: QFunction, Equatable {
    /// The observation's size: cart position and velocity, pole angle and angular velocity.
    public static let inputs = 4
    /// The actions: push left, push right.
    public static let actions = 2
    /// Units in each hidden layer (of each stream, for a dueling network).
    public let hidden: Int
    /// Whether it is chapter 04's dueling network.
    public let dueling: Bool
    /// Whether it is chapter 05's noisy network (or chapter 08's, dueling).
    public let noisy: Bool
    /// A categorical network's atoms, the returns its distributions put mass on, rising (torch.linspace's
    /// values); empty for a network of Q-values.
    public let support: [Float]
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
        package var buffer = false
    }

    /// The tensors, by `state_dict()` name: in its order for the notebook's and the dueling network; a noisy
    /// network's means first (the plain layers the forward pass reads, layer by layer), then each noisy
    /// layer's σ and ε.
    package let tensors: [Tensor]

    package init(hidden: Int, dueling: Bool = false, noisy: Bool = false, support: [Float] = []) {
        precondition(hidden > 0, "the hidden layers need units")
        precondition(support.count != 1, "a distribution needs two atoms or more")
        self.hidden = hidden
        self.dueling = dueling
        self.noisy = noisy
        self.support = support
        let atoms = max(support.count, 1)
        tensors = Self.tensors(hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms)
        parameters = Array(
            repeating: 0,
            count: Self.parameterCount(hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms))
        noise = Array(
            repeating: 0, count: noisy ? Self.noisyCount(hidden: hidden, dueling: dueling, atoms: atoms) : 0)
    }

    /// The atoms of a categorical network's support: `atoms` values from `vMin` to `vMax`, as
    /// `torch.linspace` computes them in float32 (the first half up from vMin, the second down from vMax).
    package static func support(atoms: Int, vMin: Double, vMax: Double) -> [Float] {
        let (start, end) = (Float(vMin), Float(vMax))
        let step = (end - start) / Float(atoms - 1)
        return (0..<atoms).map { i in i < atoms / 2 ? start + step * Float(i) : end - step * Float(atoms - i - 1) }
    }

    /// Atoms per action: the support's, or 1 for a network of Q-values.
    package var atoms: Int { max(support.count, 1) }

    /// Whether it is a categorical (distributional) network.
    package var categorical: Bool { !support.isEmpty }

    /// A network initialised as PyTorch's `nn.Linear`: weights and biases uniform in ±1/sqrt(fan_in), drawn
    /// tensor by tensor in `tensors`' order (a noisy network's means so too, its σ as chapter 05 sets them,
    /// then its first noise).
    package init(
        hidden: Int, dueling: Bool = false, noisy: Bool = false, support: [Float] = [], sigma0: Double = 0.5,
        using generator: inout SplitMix64
    ) {
        self.init(hidden: hidden, dueling: dueling, noisy: noisy, support: support)
        // Tensors come in pairs, a layer's weight then its bias; both are bounded by the weight's fan-in.
        // A noisy network's means are drawn so (its first tensors, a plain or dueling network's), its σ set
        // as the chapter's reset_parameters sets them: σ0/sqrt(in) for a weight, and for a bias σ0/sqrt(out)
        // in chapter 05, σ0/sqrt(in) in chapter 08 (the dueling one).
        let means = noisy ? QNetwork(hidden: hidden, dueling: dueling, support: support).tensors.count : tensors.count
        for pair in stride(from: 0, to: means, by: 2) {
            let bound = 1 / Double(tensors[pair].shape[1]).squareRoot()
            for tensor in tensors[pair...(pair + 1)] {
                set(
                    tensor,
                    (0..<tensor.shape.reduce(1, *)).map { _ in Float(-bound + 2 * bound * generator.nextUnit()) })
            }
        }
        guard noisy else { return }
        for (weight, bias) in noisyLayers.map({ ($0.weight.sigma, $0.bias.sigma) }) {
            let inputs = Double(weight.shape[1])
            set(weight, Array(repeating: Float(sigma0 / inputs.squareRoot()), count: weight.shape.reduce(1, *)))
            let fan = dueling ? inputs : Double(bias.shape[0])
            set(bias, Array(repeating: Float(sigma0 / fan.squareRoot()), count: bias.shape[0]))
        }
        resetNoise(using: &generator)
    }

    /// A noisy layer's weight or bias: its σ (a parameter) and its ε (a buffer).
    package typealias NoisyTensor = (sigma: Tensor, epsilon: Tensor)

    /// The chapter's noisy layers in its reset_noise order, each as its weight's and its bias's tensors.
    package var noisyLayers: [(weight: NoisyTensor, bias: NoisyTensor)] {
        let noisy = tensors.filter { $0.name.hasSuffix("_sigma") || $0.name.hasSuffix("_epsilon") }
        return stride(from: 0, to: noisy.count, by: 4).map {
            ((noisy[$0], noisy[$0 + 2]), (noisy[$0 + 1], noisy[$0 + 3]))
        }
    }

    /// Floats of a noisy network's σ (and of its ε): its noisy layers' weights and biases, every layer
    /// after the feature layer.
    package static func noisyCount(hidden h: Int, dueling: Bool = false, atoms: Int = 1) -> Int {
        parameterCount(hidden: h, dueling: dueling, atoms: atoms) - (inputs + 1) * h
    }

    /// Where a noisy network's σ begin in `parameters`, after the means: the plain (or dueling) network's.
    package var sigmaOffset: Int { parameters.count - noise.count }

    /// Where the two noisy layers' means begin in `parameters` (the plain network's layer 1).
    var noisyMeansOffset: Int { tensors[2].offset }

    /// New factorised noise for every noisy layer, as the chapters' `reset_noise`: for each, ε_in and
    /// ε_out are f(x) = sign(x)·sqrt(|x|) of standard normal draws (ours: `StandardNormal` on the agent's
    /// generator), the weight's ε is their outer product and the bias's ε_out.
    package mutating func resetNoise(using generator: inout SplitMix64) {
        precondition(noisy, "only a noisy network has noise")
        func scaled(_ count: Int) -> [Float] {
            StandardNormal.draws(count, using: &generator).map { x in Float(x < 0 ? -(-x).squareRoot() : x.squareRoot())
            }
        }
        for (weight, bias) in noisyLayers {
            let (outputs, inputs) = (weight.epsilon.shape[0], weight.epsilon.shape[1])
            let inward = scaled(inputs)
            let outward = scaled(outputs)
            noise.withUnsafeMutableBufferPointer { e in
                outward.withUnsafeBufferPointer { out in
                    for i in 0..<inputs {
                        let row = e.start + weight.epsilon.offset + i * weight.epsilon.stride
                        let factor = inward[i]
                        for o in 0..<outputs { row[o] = out[o] * factor }
                    }
                    (e.start + bias.epsilon.offset).update(from: out.start, count: outputs)
                }
            }
        }
    }

    /// The mean |σ| over the weights and biases of the first noisy layer (both streams' first layers, in a
    /// dueling network) and of the last (both streams' last): how much noise each keeps.
    package var meanAbsoluteSigmas: [Float] {
        let sigmas = sigmaOffset
        let first = (hidden + 1) * secondWidth
        let layers = [(sigmas, first), (sigmas + first, noise.count - first)]
        return layers.map { start, count in
            Float(parameters[start..<(start + count)].reduce(0.0) { $0 + Double(abs($1)) } / Double(count))
        }
    }

    /// A noisy network as its training forward pass sees it: the plain (or dueling) network whose noisy
    /// layers' weights are μ + σ ⊙ ε.
    package var withNoise: QNetwork {
        var plain = QNetwork(hidden: hidden, dueling: dueling, support: support)
        applyNoise(to: &plain)
        return plain
    }

    /// Writes μ + σ ⊙ ε into `plain`, a network of this one's shape without noise (reused between updates).
    package func applyNoise(to plain: inout QNetwork) {
        let (means, sigmas) = (noisyMeansOffset, sigmaOffset)
        precondition(noisy && !plain.noisy && plain.parameters.count == sigmas, "a network of the same shape")
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
    package static func parameterCount(hidden: Int, dueling: Bool = false, noisy: Bool = false, atoms: Int = 1) -> Int {
        tensors(hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms).filter { !$0.buffer }.reduce(0) {
            $0 + $1.shape.reduce(1, *)
        }
    }

    private static func tensors(hidden h: Int, dueling: Bool, noisy: Bool, atoms k: Int) -> [Tensor] {
        let (x, a) = (inputs, actions)
        guard noisy else {
            guard dueling else {
                return plainLayers(
                    hidden: h, outputs: a * k,
                    names: [
                        "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias", "layers.4.weight",
                        "layers.4.bias",
                    ])
            }
            return duelingLayers(
                hidden: h, atoms: k,
                names: [
                    "feature_layer.0.weight", "feature_layer.0.bias", "advantage_layer.0.weight",
                    "advantage_layer.0.bias", "advantage_layer.2.weight", "advantage_layer.2.bias",
                    "value_layer.0.weight", "value_layer.0.bias", "value_layer.2.weight", "value_layer.2.bias",
                ])
        }
        // The means where a plain (chapter 05) or dueling (chapter 08) network's layers lie, then each noisy
        // layer's σ and ε in the same layout as its means, the σ after all means, the ε in `noise`.
        let means =
            dueling
            ? duelingLayers(
                hidden: h, atoms: k,
                names: [
                    "feature_layer.0.weight", "feature_layer.0.bias", "advantage_hidden_layer.weight_mu",
                    "advantage_hidden_layer.bias_mu", "advantage_layer.weight_mu", "advantage_layer.bias_mu",
                    "value_hidden_layer.weight_mu", "value_hidden_layer.bias_mu", "value_layer.weight_mu",
                    "value_layer.bias_mu",
                ])
            : plainLayers(
                hidden: h, outputs: a * k,
                names: [
                    "feature.weight", "feature.bias", "noisy_layer1.weight_mu", "noisy_layer1.bias_mu",
                    "noisy_layer2.weight_mu", "noisy_layer2.bias_mu",
                ])
        let noisyStart = (x + 1) * h
        let sigmaStart = parameterCount(hidden: h, dueling: dueling, atoms: k)
        return means
            + stride(from: 2, to: means.count, by: 2).flatMap { pair -> [Tensor] in
                let (weight, bias) = (means[pair], means[pair + 1])
                func named(_ mean: Tensor, _ suffix: String, offset: Int, buffer: Bool = false) -> Tensor {
                    Tensor(
                        name: String(mean.name.dropLast("mu".count)) + suffix, shape: mean.shape, offset: offset,
                        stride: mean.stride, buffer: buffer)
                }
                return [
                    named(weight, "sigma", offset: weight.offset - noisyStart + sigmaStart),
                    named(bias, "sigma", offset: bias.offset - noisyStart + sigmaStart),
                    named(weight, "epsilon", offset: weight.offset - noisyStart, buffer: true),
                    named(bias, "epsilon", offset: bias.offset - noisyStart, buffer: true),
                ]
            }
    }

    /// The notebook's three layers, weight then bias each, where a plain network keeps them, under `names`;
    /// the last has `outputs` outputs (the actions' Q-values or their atoms' logits).
    private static func plainLayers(hidden h: Int, outputs a: Int, names: [String]) -> [Tensor] {
        let x = inputs
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

    /// A dueling network's five layers, weight then bias each, under `names`: the feature layer, the
    /// advantage stream's two, the value stream's two; both streams' first layers side by side as one
    /// `[h][2h]` layer, the advantages' last layer (`atoms` per action) then the value's (`atoms`).
    private static func duelingLayers(hidden h: Int, atoms k: Int, names: [String]) -> [Tensor] {
        let (x, a) = (inputs, actions * k)
        let streams = (x + 1) * h
        let advantage = streams + (h + 1) * 2 * h
        let value = advantage + (h + 1) * a
        return [
            Tensor(name: names[0], shape: [h, x], offset: 0, stride: h),
            Tensor(name: names[1], shape: [h], offset: x * h, stride: 1),
            Tensor(name: names[2], shape: [h, h], offset: streams, stride: 2 * h),
            Tensor(name: names[3], shape: [h], offset: streams + 2 * h * h, stride: 1),
            Tensor(name: names[4], shape: [a, h], offset: advantage, stride: a),
            Tensor(name: names[5], shape: [a], offset: advantage + h * a, stride: 1),
            Tensor(name: names[6], shape: [h, h], offset: streams + h, stride: 2 * h),
            Tensor(name: names[7], shape: [h], offset: streams + 2 * h * h + h, stride: 1),
            Tensor(name: names[8], shape: [k, h], offset: value, stride: k),
            Tensor(name: names[9], shape: [k], offset: value + h * k, stride: 1),
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

    /// Outputs of the last layer: the Q-values (or their atoms' logits), and after them a dueling
    /// network's value (or its atoms').
    package static func lastOutputs(dueling: Bool, atoms: Int = 1) -> Int { (dueling ? actions + 1 : actions) * atoms }

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
            guard !categorical else {
                if let last { lastLayer(base, into: last, kernels: kernels) }  // for the backward pass
                withHeads(heads, rows: rows) { streams, logits, distribution in
                    categoricalLast(
                        base, rows: rows, h2: h2, into: dueling ? streams : logits, kernels: kernels)
                    if dueling { Self.combine(rows: rows, atoms: atoms, streams: streams, into: logits) }
                    if heads.expectation {
                        CategoricalHead.expectation(
                            rows: rows * Self.actions, support: support, logits: logits, distribution: distribution,
                            q: q)
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
    /// return distributions.
    package func evaluate(_ observation: Observation) -> NetworkReadout {
        guard categorical else { return readout(observation, distributions: nil) }
        var probabilities = [Float](repeating: 0, count: Self.actions * atoms)
        var result = probabilities.withUnsafeMutableBufferPointer { self.readout(observation, distributions: $0.start) }
        result.distributions = ReturnDistributions(support: support, probabilities: probabilities)
        return result
    }

    private func readout(_ observation: Observation, distributions: UnsafeMutablePointer<Float>?) -> NetworkReadout {
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
