import OutputFiles

/// The Q-network of the notebook's `Network`, `Linear(4,h)-ReLU-Linear(h,h)-ReLU-Linear(h,2)`, or of
/// rainbow chapter 04's dueling `Network`: a feature layer `Linear(4,h)-ReLU`, then an advantage stream
/// `Linear(h,h)-ReLU-Linear(h,2)` and a value stream `Linear(h,h)-ReLU-Linear(h,1)`, combined as
/// q = value + advantage − mean(advantage).
///
/// All parameters live in one flat array (what Adam steps), tensor by tensor: a weight stored transposed,
/// `[in][out]` (so the forward pass streams along output rows), then its bias. A dueling network keeps its
/// two streams' first layers side by side as one `[h][2h]` weight (advantage units first), so that both
/// run as one layer, and their last layers as one of (actions + 1) · atoms outputs (`lastLayer`; a
/// categorical network's forward pass runs them as two products from where they lie), combined after.
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
    /// Whether it is chapter 04's dueling network (or chapter 08's, noisy).
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
}
