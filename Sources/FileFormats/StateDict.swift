import Agent
import Foundation
import OutputFiles

/// The tensors of a PyTorch state dict, from whichever file held them (safetensors, `torch.save`, a
/// Stable-Baselines3 zip): names in file order, shapes, and the values read when asked for.
struct StateDict {
    struct Tensor {
        var shape: [Int]
        /// "F32", ..., or the file's own name for a type that cannot be read as floats.
        var dtype: String
        var values: () throws(FileFormatError) -> [Float]
    }

    var names: [String] = []
    var tensors: [String: Tensor] = [:]

    mutating func add(_ name: String, _ tensor: Tensor) {
        if tensors.updateValue(tensor, forKey: name) == nil { names.append(name) }
    }

    /// The widest layer, the most hidden layers and the most parameters a network read here may have: a
    /// CartPole network of ours has at most 16.8 million (`--hidden 4096`).
    static let widest = 4096
    static let deepest = 16
    static let mostParameters = 1 << 25

    /// The Q-network the state dict holds: its `Linear` layers (a `weight` `[out, in]` and a `bias` `[out]`
    /// per module), chained 4 → ... → 2, with `activation` between them. Tensors of a target network (a
    /// name with "target" in it, as Stable-Baselines3's `q_net_target`) and of an optimizer are passed over.
    /// The layers are taken in file order (a safetensors file's: numbered names in number order), each
    /// taking the previous one's outputs. The notebook's shape with ReLU is a `QNetwork`, any other a `Perceptron`.
    /// Every shape is checked, and the memory the network takes estimated, before any value is read.
    func network(activation: Perceptron.Activation) throws(FileFormatError) -> any QFunction {
        func passedOver(_ name: String) -> Bool {
            name.split(separator: ".").contains { $0.lowercased().contains("target") || $0.hasPrefix("optimizer") }
        }
        var modules: [String] = []
        var known: Set<String> = []
        for name in names where !passedOver(name) {
            for suffix in [".weight", ".bias"] where name.hasSuffix(suffix) {
                let module = String(name.dropLast(suffix.count))
                if known.insert(module).inserted { modules.append(module) }
            }
        }
        // Anything else in a module with a weight (BatchNorm's running statistics) is a layer not played here.
        for name in names where !passedOver(name) && !name.hasSuffix(".weight") && !name.hasSuffix(".bias") {
            let dots = name.indices.filter { name[$0] == "." }
            if let module = dots.lazy.map({ String(name[..<$0]) }).first(where: known.contains) {
                throw FileFormatError(
                    "'\(MessageText.shown(module))' holds '\(MessageText.shown(name))': it is not a Linear layer, "
                        + "and only multilayer perceptrons (Linear layers and activations) can be played")
            }
        }
        if let frequencies = tensors[Checkpoint.frequenciesName] {
            // An implicit quantile network, chapter 09's (noisy and dueling) or ours with other components,
            // its layers named as the network it extends: its cosines are its i_pi's length.
            guard frequencies.shape.count == 1, (1...TrainingConfiguration.mostQuantiles).contains(frequencies.shape[0])
            else {
                throw FileFormatError(
                    "'\(Checkpoint.frequenciesName)' has shape \(frequencies.shape); chapter 09's is [n] with n from 1 to \(TrainingConfiguration.mostQuantiles)"
                )
            }
            let (dueling, noisy) = Checkpoint.components(named: tensors.keys)
            return try chapterNetwork(
                dueling: dueling, noisy: noisy, embedding: frequencies.shape[0], activation: activation)
        }
        if let value = tensors[Self.rainbowValue] {
            // Chapter 08's: its atoms are its value layer's outputs.
            return try chapterNetwork(
                dueling: true, noisy: true, atoms: value.shape.first ?? 0, activation: activation)
        }
        if Set(modules) == Self.duelingModules { return try chapterNetwork(dueling: true, activation: activation) }
        if tensors[Self.noisyMean] != nil { return try chapterNetwork(noisy: true, activation: activation) }
        guard !modules.isEmpty else {
            let some = names.prefix(5).map { "'\(MessageText.shown($0))'" }.joined(separator: ", ")
            throw FileFormatError(
                names.isEmpty
                    ? "it holds no tensors"
                    : "it holds no network's weights (no tensor named *.weight among \(some)\(names.count > 5 ? ", ..." : ""))"
            )
        }
        // A layer without a bias is a Linear(bias=False); one missing among others that have theirs is damage.
        let biased = modules.filter { tensors[$0 + ".bias"] != nil }
        if !biased.isEmpty, let unbiased = modules.first(where: { tensors[$0 + ".bias"] == nil }) {
            throw FileFormatError("tensor '\(MessageText.shown(unbiased)).bias' is missing")
        }
        guard modules.count <= Self.deepest + 1 else {
            throw FileFormatError("it has \(modules.count) layers; at most \(Self.deepest) hidden layers can be played")
        }
        var widths = [QNetwork.inputs]
        for module in modules {
            let width = widths[widths.count - 1]
            guard let inputs = tensors[module + ".weight"]?.shape.last, inputs == width else {
                let shape = tensors[module + ".weight"].map { "\($0.shape)" } ?? "no weight"
                throw FileFormatError(
                    "its layers do not chain from 4 observations to 2 actions: '\(MessageText.shown(module)).weight' "
                        + "has shape \(shape), but \(widths.count == 1 ? "the observations are" : "the layer before it gives") \(width)"
                )
            }
            widths.append(try outputs(of: module))
        }
        // Chapter 06's C51 network: three layers, the last giving each action's logits, on its agent's support.
        let atoms = widths[widths.count - 1] / QNetwork.actions
        let categorical =
            widths.count == 4 && activation == .relu && widths[1] == widths[2]
            && widths[3] == atoms * QNetwork.actions && (2...TrainingConfiguration.mostAtoms).contains(atoms)
        guard widths.last == QNetwork.actions || categorical else {
            throw FileFormatError(
                "its last layer gives \(widths[widths.count - 1]) values; CartPole's network gives 2 (one per action)")
        }
        let parameters = zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
        guard parameters <= Self.mostParameters else {
            throw FileFormatError(
                "its network has \(parameters) parameters; at most \(Self.mostParameters) can be played")
        }
        try MemoryBudget.check(parameters * MemoryLayout<Float>.size * 3, for: "playing its network")
        var chain: [(weight: [Float], bias: [Float])] = []
        for (module, inputs) in zip(modules, widths) { chain.append(try layer(module, inputs: inputs)) }
        if chain.count == 3, activation == .relu, chain[0].bias.count == chain[1].bias.count {
            var network = QNetwork(hidden: chain[0].bias.count, support: categorical ? Self.chapterSupport(atoms) : [])
            for (index, layer) in chain.enumerated() {
                network.setWeight(index, layer.weight)
                network.setBias(index, layer.bias)
            }
            return network
        }
        return Perceptron(layers: chain, activation: activation)
    }

    /// The modules of rainbow chapter 04's dueling `Network`.
    static let duelingModules = Set(
        QNetwork(hidden: 1, dueling: true).tensors.map {
            $0.name.split(separator: ".").dropLast().joined(separator: ".")
        })

    /// A tensor only chapter 05's noisy `Network` has.
    static let noisyMean = "noisy_layer1.weight_mu"

    /// A tensor only chapter 08's `Network` has: its value layer's means, `[atoms, hidden]`.
    static let rainbowValue = "value_layer.weight_mu"

    /// The support chapters 06 and 08 give their categorical networks (their agents' v_min 0 and v_max 200,
    /// which the state dict does not hold), with `atoms` atoms.
    static func chapterSupport(_ atoms: Int) -> [Float] { QNetwork.support(atoms: atoms, vMin: 0, vMax: 200) }

    /// Chapter 04's dueling network, chapter 05's noisy one or chapter 08's (noisy, dueling, categorical
    /// with `atoms`), played as it computes (ReLU between its layers; a noisy one's means, as in its eval
    /// mode): every tensor of its `state_dict()` (buffers included) with the shapes its hidden width gives,
    /// read into a `QNetwork` of its kind.
    private func chapterNetwork(
        dueling: Bool = false, noisy: Bool = false, atoms: Int = 1, embedding: Int = 0,
        activation: Perceptron.Activation
    ) throws(FileFormatError) -> QNetwork {
        let chapter = embedding > 0 ? "09's" : dueling && noisy ? "08's" : dueling ? "04's dueling" : "05's noisy"
        guard activation == .relu else {
            throw FileFormatError("rainbow chapter \(chapter) network is played with ReLU between its layers")
        }
        guard atoms == 1 || (2...TrainingConfiguration.mostAtoms).contains(atoms) else {
            throw FileFormatError(
                "'\(Self.rainbowValue)' gives \(atoms) atoms; chapter 08's network has 2 to \(TrainingConfiguration.mostAtoms)"
            )
        }
        let support = atoms > 1 ? Self.chapterSupport(atoms) : []
        let first = QNetwork(hidden: 1, dueling: dueling, noisy: noisy).tensors[0].name
        guard let hidden = tensors[first]?.shape.first, tensors[first]?.shape == [hidden, QNetwork.inputs],
            (1...Self.widest).contains(hidden)
        else {
            let shape = tensors[first].map { "\($0.shape)" } ?? "none"
            throw FileFormatError(
                "'\(first)' has shape \(shape); the chapter's is [hidden, 4] with hidden from 1 to \(Self.widest)")
        }
        try MemoryBudget.check(
            QNetwork.parameterCount(hidden: hidden, dueling: dueling, noisy: noisy, atoms: atoms, embedding: embedding)
                * MemoryLayout<Float>.size * 4, for: "playing its network")
        var network = QNetwork(hidden: hidden, dueling: dueling, noisy: noisy, support: support, embedding: embedding)
        for expected in network.tensors {
            guard let tensor = tensors[expected.name] else {
                throw FileFormatError("tensor '\(expected.name)' is missing")
            }
            guard tensor.shape == expected.shape else {
                throw FileFormatError(
                    "'\(expected.name)' has shape \(tensor.shape), expected \(expected.shape) for hidden size \(hidden)"
                )
            }
            network.set(expected, try Self.finite(tensor, expected.name))
        }
        try Checkpoint.checkFrequencies(network)
        return network
    }

    /// The outputs of one Linear module, from its weight's shape `[out, in]`, with its bias's shape checked.
    private func outputs(of module: String) throws(FileFormatError) -> Int {
        let shown = MessageText.shown(module)
        guard let weight = tensors[module + ".weight"] else {
            throw FileFormatError("'\(shown).bias' has no weight beside it")
        }
        guard weight.shape.count == 2, (1...Self.widest).contains(weight.shape[0]) else {
            throw FileFormatError(
                "'\(shown).weight' has shape \(weight.shape); a Linear layer's is [out, in] with out from 1 to \(Self.widest)"
            )
        }
        if let bias = tensors[module + ".bias"], bias.shape != [weight.shape[0]] {
            throw FileFormatError("'\(shown).bias' has shape \(bias.shape), expected [\(weight.shape[0])]")
        }
        return weight.shape[0]
    }

    /// The weight (`[out][in]`) and bias (zeros when the module has none) of one Linear module whose
    /// shapes `outputs(of:)` checked.
    private func layer(_ module: String, inputs: Int) throws(FileFormatError) -> (weight: [Float], bias: [Float]) {
        let shown = MessageText.shown(module)
        guard let weight = tensors[module + ".weight"] else {
            throw FileFormatError("'\(shown).weight' is missing")
        }
        let weights = try Self.finite(weight, "\(shown).weight")
        let bias = try tensors[module + ".bias"].map { tensor throws(FileFormatError) in
            try Self.finite(tensor, "\(shown).bias")
        }
        precondition(weights.count == weight.shape[0] * inputs, "a tensor's values must fit its shape")
        return (weights, bias ?? [Float](repeating: 0, count: weight.shape[0]))
    }

    private static func finite(_ tensor: Tensor, _ name: String) throws(FileFormatError) -> [Float] {
        guard TensorDType(rawValue: tensor.dtype) != nil else {
            throw FileFormatError(
                "'\(name)' has dtype \(MessageText.shown(tensor.dtype)); readable dtypes are \(TensorDType.listed)")
        }
        let values = try tensor.values()
        guard values.allSatisfy(\.isFinite) else { throw FileFormatError("'\(name)' holds values that are not finite") }
        return values
    }
}
