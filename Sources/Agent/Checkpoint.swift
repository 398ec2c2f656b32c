import Foundation

/// A trained online network in the safetensors format, loadable by PyTorch users with
/// `safetensors.torch.load_file` straight into the notebook's `Network` (tensor names of its `state_dict()`,
/// F32, shapes `[out, in]`), with the run's configuration in `__metadata__`.
public struct Checkpoint: Sendable, Equatable {
    public static let format = "cartpole-dqn"
    public static let formatVersion = "1"
    public static let tensorNames = ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
                                     "layers.4.weight", "layers.4.bias"]
    public var network: QNetwork
    public var environment: EnvironmentID
    public var nStep: Int
    public var gamma: Double
    public var seed: UInt64
    public var frames: Int
    /// The mean return of the evaluation made at `frames`, when the checkpoint was chosen by one.
    public var evaluationMean: Double?
    /// How the time limit entered training's targets, when known (checkpoints before this setting lack it).
    public var timeLimit: TimeLimit?

    public init(network: QNetwork, environment: EnvironmentID, nStep: Int, gamma: Double, seed: UInt64, frames: Int,
                evaluationMean: Double? = nil, timeLimit: TimeLimit? = nil) {
        self.timeLimit = timeLimit
        self.network = network
        self.environment = environment
        self.nStep = nStep
        self.gamma = gamma
        self.seed = seed
        self.frames = frames
        self.evaluationMean = evaluationMean
    }

    /// The tensors in file order, each as (name, shape, values in `[out][in]` row-major order).
    private var tensors: [(name: String, shape: [Int], values: [Float])] {
        (0..<3).flatMap { layer -> [(String, [Int], [Float])] in
            let (inputs, outputs) = network.shape(layer)
            return [(Self.tensorNames[layer * 2], [outputs, inputs], network.weight(layer)),
                    (Self.tensorNames[layer * 2 + 1], [outputs], network.bias(layer))]
        }
    }

    var metadata: [String: String] {
        var metadata = ["format": Self.format, "format_version": Self.formatVersion, "env_id": environment.rawValue,
                        "hidden": String(network.hidden), "n_step": String(nStep), "gamma": String(gamma),
                        "seed": String(seed), "frames": String(frames)]
        if let evaluationMean { metadata["evaluation_mean"] = String(evaluationMean) }
        if let timeLimit { metadata["time_limit"] = timeLimit.rawValue }
        return metadata
    }

    // MARK: - Writing

    /// The file's bytes: the tensors in `state_dict()` order with the metadata.
    public func encoded() -> Data {
        SafetensorsFile.encode(metadata: metadata, tensors: tensors)
    }

    /// Writes the checkpoint atomically (a temporary file renamed into place).
    public func write(to url: URL) throws(AgentError) {
        try FileIO.write(encoded(), to: url, what: "the checkpoint")
    }

    // MARK: - Reading

    public static func read(from url: URL) throws(AgentError) -> Checkpoint {
        try decode(FileIO.read(url) { .badCheckpoint(path: url.relativePath, reason: $0) }, path: url.relativePath)
    }

    /// Parses and checks a checkpoint: the safetensors structure (`SafetensorsFile`), then names, dtypes,
    /// shapes, values and metadata.
    public static func decode(_ data: Data, path: String = "checkpoint") throws(AgentError) -> Checkpoint {
        func fail(_ reason: String) -> AgentError { .badCheckpoint(path: path, reason: reason) }
        let file: SafetensorsFile
        do { file = try SafetensorsFile(data) } catch { throw fail(error.reason) }
        guard let metadata = file.metadata else {
            throw fail("the header has no __metadata__ of strings; it was not written by cartpole")
        }
        guard metadata["format"] == Self.format else { throw fail("its format is '\(metadata["format"] ?? "none")', expected '\(Self.format)'") }
        guard metadata["format_version"] == Self.formatVersion else {
            throw fail("format version '\(metadata["format_version"] ?? "none")' is not supported (expected \(Self.formatVersion))")
        }
        guard let envID = metadata["env_id"], let environment = EnvironmentID(rawValue: envID) else {
            throw fail("unknown environment id '\(metadata["env_id"] ?? "none")' in its metadata")
        }
        guard let hidden = metadata["hidden"].flatMap({ Int($0) }), (1...4096).contains(hidden) else {
            throw fail("its metadata has no valid hidden size")
        }
        guard let nStep = metadata["n_step"].flatMap({ Int($0) }), nStep >= 1,
              let gamma = metadata["gamma"].flatMap({ Double($0) }), gamma.isFinite,
              let seed = metadata["seed"].flatMap({ UInt64($0) }),
              let frames = metadata["frames"].flatMap({ Int($0) }), frames >= 0 else {
            throw fail("its metadata lacks a valid n_step, gamma, seed or frames")
        }
        if let extra = Set(file.tensors.keys).subtracting(tensorNames).sorted().first { throw fail("unexpected tensor '\(extra)'") }
        var network = QNetwork(hidden: hidden)
        for layer in 0..<3 {
            let (inputs, outputs) = network.shape(layer)
            for (name, shape) in [(tensorNames[layer * 2], [outputs, inputs]), (tensorNames[layer * 2 + 1], [outputs])] {
                guard let tensor = file.tensors[name] else { throw fail("tensor '\(name)' is missing") }
                guard tensor.dtype == "F32" else { throw fail("tensor '\(name)' has dtype \(tensor.dtype), expected F32") }
                guard tensor.shape == shape else {
                    throw fail("tensor '\(name)' has shape \(tensor.shape), expected \(shape) for hidden size \(hidden)")
                }
                let values: [Float]
                do { values = try file.floats(name) } catch { throw fail(error.reason) }
                guard values.allSatisfy(\.isFinite) else { throw fail("tensor '\(name)' holds values that are not finite") }
                if shape.count == 2 { network.setWeight(layer, values) } else { network.setBias(layer, values) }
            }
        }
        let evaluationMean = metadata["evaluation_mean"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        return Checkpoint(network: network, environment: environment, nStep: nStep, gamma: gamma, seed: seed, frames: frames,
                          evaluationMean: evaluationMean, timeLimit: metadata["time_limit"].flatMap(TimeLimit.init(rawValue:)))
    }
}
