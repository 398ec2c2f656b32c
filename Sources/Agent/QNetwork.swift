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
///
/// Or an implicit quantile network (chapter 09's IQN, noisy and dueling there): a fraction τ enters through
/// `embedding` cosines cos(π·i·τ) and a layer `Linear(embedding, h)-ReLU` (its weight and bias after the
/// means, before any σ), whose output multiplies the feature layer's; the layers after it give the return's
/// τ-quantile of each action, and a Q-value is their mean over τ (`QNetwork+Quantiles`).
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
    /// An implicit quantile network's cosines per fraction (chapter 09's `quantile_embedding_dim`); 0 for
    /// any other network.
    public let embedding: Int
    /// The fractions an implicit quantile network's Q-value averages over when it is played: the midpoints
    /// (t + ½)/quantiles (see `QNetwork+Quantiles`); by default chapter 09's `n_quantile_samples`; 0 for any
    /// other network.
    public let quantiles: Int
    /// An implicit quantile network's π·i for i = 1...embedding (its `i_pi` buffer); else empty.
    package var frequencies: [Float]
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
        package var storage = Storage.parameters

        /// Where a tensor's values are held.
        package enum Storage: Sendable, Equatable {
            case parameters
            /// A noisy layer's ε, in `noise`.
            case noise
            /// An implicit quantile network's `i_pi`, in `frequencies`.
            case frequencies
        }

        /// A buffer (a noisy layer's ε, an implicit quantile network's π·i): saved, never trained.
        package var buffer: Bool { storage != .parameters }
    }

    /// The tensors, by `state_dict()` name: in its order for the notebook's and the dueling network; a noisy
    /// network's means first (the plain layers the forward pass reads, layer by layer), then each noisy
    /// layer's σ and ε.
    package let tensors: [Tensor]

    package init(
        hidden: Int, dueling: Bool = false, noisy: Bool = false, support: [Float] = [], embedding: Int = 0,
        quantiles: Int? = nil
    ) {
        let quantiles = quantiles ?? (embedding > 0 ? TrainingConfiguration().quantileSamples : 0)
        precondition(hidden > 0, "the hidden layers need units")
        precondition(support.count != 1, "a distribution needs two atoms or more")
        precondition(embedding >= 0 && (embedding == 0 || support.isEmpty), "quantiles or atoms, not both")
        precondition((embedding > 0) == (quantiles > 0), "an implicit quantile network is played at fractions")
        self.hidden = hidden
        self.dueling = dueling
        self.noisy = noisy
        self.support = support
        self.embedding = embedding
        self.quantiles = quantiles
        frequencies = Self.frequencies(embedding)
        let atoms = max(support.count, 1)
        tensors = Self.tensors(hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms, embedding: embedding)
        parameters = Array(
            repeating: 0,
            count: Self.parameterCount(
                hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms, embedding: embedding))
        noise = Array(
            repeating: 0, count: noisy ? Self.noisyCount(hidden: hidden, dueling: dueling, atoms: atoms) : 0)
    }

    /// Chapter 09's `i_pi`, `torch.pi * torch.arange(1, n + 1)` in float32: π rounded to float, times i.
    package static func frequencies(_ count: Int) -> [Float] {
        (0..<count).map { Float(Double.pi) * Float($0 + 1) }
    }

    /// Whether it is an implicit quantile network.
    package var quantile: Bool { embedding > 0 }

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
        hidden: Int, dueling: Bool = false, noisy: Bool = false, support: [Float] = [], embedding: Int = 0,
        quantiles: Int? = nil, sigma0: Double = 0.5, using generator: inout SplitMix64
    ) {
        self.init(
            hidden: hidden, dueling: dueling, noisy: noisy, support: support, embedding: embedding,
            quantiles: quantiles)
        // Tensors come in pairs, a layer's weight then its bias; both are bounded by the weight's fan-in.
        // A noisy network's means are drawn so (its first tensors, a plain or dueling network's), its σ set
        // as the chapter's reset_parameters sets them: σ0/sqrt(in) for a weight, and for a bias σ0/sqrt(out)
        // in chapters 05 and 09, σ0/sqrt(in) in chapter 08 (the dueling one without quantiles).
        // An implicit quantile network's embedding layer is drawn after the means.
        let drawn = tensors.filter { $0.storage == .parameters && !$0.name.hasSuffix("_sigma") }
        for pair in stride(from: 0, to: drawn.count, by: 2) {
            let bound = 1 / Double(drawn[pair].shape[1]).squareRoot()
            for tensor in drawn[pair...(pair + 1)] {
                set(
                    tensor,
                    (0..<tensor.shape.reduce(1, *)).map { _ in Float(-bound + 2 * bound * generator.nextUnit()) })
            }
        }
        guard noisy else { return }
        for (weight, bias) in noisyLayers.map({ ($0.weight.sigma, $0.bias.sigma) }) {
            let inputs = Double(weight.shape[1])
            set(weight, Array(repeating: Float(sigma0 / inputs.squareRoot()), count: weight.shape.reduce(1, *)))
            let fan = dueling && !quantile ? inputs : Double(bias.shape[0])
            set(bias, Array(repeating: Float(sigma0 / fan.squareRoot()), count: bias.shape[0]))
        }
        resetNoise(using: &generator)
    }

    /// Number of parameters of a network with `hidden` units per hidden layer.
    package static func parameterCount(
        hidden: Int, dueling: Bool = false, noisy: Bool = false, atoms: Int = 1, embedding: Int = 0
    ) -> Int {
        tensors(hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms, embedding: embedding).filter {
            !$0.buffer
        }.reduce(0) { $0 + $1.shape.reduce(1, *) }
    }

    /// The network's tensors, and an implicit quantile network's after them: its embedding layer's weight
    /// and bias (chapter 09's `cos_embedding_layer`, where the means end) and its `i_pi`.
    private static func tensors(hidden h: Int, dueling: Bool, noisy: Bool, atoms k: Int, embedding: Int) -> [Tensor] {
        let tensors = layers(hidden: h, dueling: dueling, noisy: noisy, atoms: k, embedding: embedding)
        guard embedding > 0 else { return tensors }
        let start = parameterCount(hidden: h, dueling: dueling, atoms: k)
        return tensors + [
            Tensor(name: "cos_embedding_layer.weight", shape: [h, embedding], offset: start, stride: h),
            Tensor(name: "cos_embedding_layer.bias", shape: [h], offset: start + embedding * h, stride: 1),
            Tensor(name: "i_pi", shape: [embedding], offset: 0, stride: 1, storage: .frequencies),
        ]
    }

    /// Floats of an implicit quantile network's embedding layer (0 for any other network).
    static func embeddingCount(hidden: Int, embedding: Int) -> Int {
        embedding > 0 ? (embedding + 1) * hidden : 0
    }

    /// Where an implicit quantile network's embedding layer's weight (`[embedding][hidden]`) begins in
    /// `parameters`, its bias after it: where the means end.
    var embeddingOffset: Int { tensors[tensors.count - 3].offset }

    /// The layers' tensors; a noisy network's σ begin after the means and an embedding layer of
    /// `embedding` cosines.
    private static func layers(hidden h: Int, dueling: Bool, noisy: Bool, atoms k: Int, embedding: Int) -> [Tensor] {
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
        let sigmaStart =
            parameterCount(hidden: h, dueling: dueling, atoms: k) + embeddingCount(hidden: h, embedding: embedding)
        return means
            + stride(from: 2, to: means.count, by: 2).flatMap { pair -> [Tensor] in
                let (weight, bias) = (means[pair], means[pair + 1])
                func named(_ mean: Tensor, _ suffix: String, offset: Int, storage: Tensor.Storage = .parameters)
                    -> Tensor
                {
                    Tensor(
                        name: String(mean.name.dropLast("mu".count)) + suffix, shape: mean.shape, offset: offset,
                        stride: mean.stride, storage: storage)
                }
                return [
                    named(weight, "sigma", offset: weight.offset - noisyStart + sigmaStart),
                    named(bias, "sigma", offset: bias.offset - noisyStart + sigmaStart),
                    named(weight, "epsilon", offset: weight.offset - noisyStart, storage: .noise),
                    named(bias, "epsilon", offset: bias.offset - noisyStart, storage: .noise),
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
        let storage =
            switch tensor.storage {
            case .parameters: parameters
            case .noise: noise
            case .frequencies: frequencies
            }
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
        switch tensor.storage {
        case .parameters: write(&parameters)
        case .noise: write(&noise)
        case .frequencies: write(&frequencies)
        }
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
