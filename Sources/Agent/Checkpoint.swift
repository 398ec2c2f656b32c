import Foundation
import OutputFiles

/// A trained online network in the safetensors format, loadable by PyTorch users with
/// `safetensors.torch.load_file` straight into the notebook's `Network` (tensor names of its `state_dict()`,
/// F32, shapes `[out, in]`), with the run's configuration in `__metadata__`.
///
/// Reading also takes the notebook's network saved by anyone else (e.g. PyTorch's
/// `safetensors.torch.save_file(net.state_dict(), path)`), whatever its metadata: the hidden size comes
/// from the shapes, the environment from an `env_id` in the metadata if there is one, and F16, BF16 and
/// F64 tensors are converted. Such a checkpoint is `foreign`: its training settings are unknown.
public struct Checkpoint: Sendable, Equatable {
    public static let format = "cartpole-dqn"
    /// The largest file the notebook's network can be: hidden 4096, every tensor F64, the largest header.
    static let largestFile =
        8 + SafetensorsFile.maximumHeaderLength + 8 * (4096 * 4 + 4096 + 4096 * 4096 + 4096 + 2 * 4096 + 2)
    /// Version 2 records every training setting (`training.NAME`); version 1 only n_step, gamma and seed.
    public static let formatVersion = "2"
    static let readableVersions = ["1", "2"]
    public static let tensorNames = [
        "layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
        "layers.4.weight", "layers.4.bias",
    ]
    public var network: QNetwork
    public var environment: EnvironmentID
    /// The seed of the training that made it: record and eval start from it by default.
    public var seed: UInt64
    public var frames: Int
    /// The mean return of the evaluation made at `frames`, when the checkpoint was chosen by one.
    public var evaluationMean: Double?
    /// The settings of the training that made it, when the file records them (not before version 2).
    public var training: TrainingConfiguration?
    /// Not written by this tool: the seed and frames are defaults, and `environmentFromFile` says whether
    /// the environment came from the file's metadata.
    public var foreign = false
    public var environmentFromFile = true

    /// A checkpoint of a training with `training`'s settings, after `frames` frames.
    public init(network: QNetwork, training: TrainingConfiguration, frames: Int, evaluationMean: Double? = nil) {
        precondition(training.hidden == network.hidden, "the network is not the one the training's settings describe")
        self.init(network: network, environment: training.environment, seed: training.seed, frames: frames)
        self.training = training
        self.evaluationMean = evaluationMean
    }

    init(network: QNetwork, environment: EnvironmentID, seed: UInt64, frames: Int) {
        self.network = network
        self.environment = environment
        self.seed = seed
        self.frames = frames
    }

    /// The metadata key of a training setting.
    static func metadataKey(_ setting: TrainingSetting) -> String {
        "training." + setting.key
    }

    /// The tensors in file order, each as (name, shape, values in `[out][in]` row-major order).
    private var tensors: [(name: String, shape: [Int], values: [Float])] {
        (0..<3).flatMap { layer -> [(String, [Int], [Float])] in
            let (inputs, outputs) = network.shape(layer)
            return [
                (Self.tensorNames[layer * 2], [outputs, inputs], network.weight(layer)),
                (Self.tensorNames[layer * 2 + 1], [outputs], network.bias(layer)),
            ]
        }
    }

    var metadata: [String: String] {
        var metadata = [
            "format": Self.format, "format_version": Self.formatVersion, "env_id": environment.rawValue,
            "hidden": String(network.hidden), "seed": String(seed), "frames": String(frames),
        ]
        if let evaluationMean { metadata["evaluation_mean"] = String(evaluationMean) }
        if let training {
            for setting in TrainingConfiguration.settings {
                metadata[Self.metadataKey(setting)] = setting.value(in: training).text
            }
        }
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
        try decode(
            FileIO.read(url, limit: largestFile, what: "a checkpoint of the notebook's network") {
                .badCheckpoint(path: url.relativePath, reason: $0)
            }, path: url.relativePath)
    }

    /// Parses and checks a checkpoint: the safetensors structure (`SafetensorsFile`), the notebook's
    /// tensors (names, dtypes, shapes, finite values) and, when the file is ours, its metadata.
    public static func decode(_ data: Data, path: String = "checkpoint") throws(AgentError) -> Checkpoint {
        func fail(_ reason: String) -> AgentError { .badCheckpoint(path: path, reason: reason) }
        let file: SafetensorsFile
        do { file = try SafetensorsFile(data) } catch { throw fail(error.reason) }
        if let extra = Set(file.tensors.keys).subtracting(tensorNames).sorted().first {
            throw fail(
                "unexpected tensor '\(MessageText.shown(extra))'; expected the notebook's network: \(tensorNames.joined(separator: ", "))"
            )
        }
        guard let first = file.tensors[tensorNames[0]] else { throw fail("tensor '\(tensorNames[0])' is missing") }
        guard first.shape.count == 2, first.shape[1] == QNetwork.inputs, (1...4096).contains(first.shape[0]) else {
            throw fail(
                "tensor '\(tensorNames[0])' has shape \(first.shape), expected [hidden, 4] with hidden from 1 to 4096")
        }
        let hidden = first.shape[0]
        var checkpoint: Checkpoint
        let metadata = file.metadata ?? [:]
        if metadata["format"] == Self.format {
            checkpoint = try ours(metadata, hidden: hidden, fail: fail)
        } else if let format = metadata["format"], format.hasPrefix("cartpole") {
            throw fail("its format is '\(MessageText.shown(format))', expected '\(Self.format)'")
        } else {
            let environment = metadata["env_id"].flatMap(EnvironmentID.init(rawValue:))
            if let named = metadata["env_id"], environment == nil {
                throw fail(
                    "unknown environment id '\(MessageText.shown(named))' in its metadata; known ids: "
                        + EnvironmentID.allCases.map(\.rawValue).joined(separator: ", "))
            }
            checkpoint = Checkpoint(
                network: QNetwork(hidden: hidden), environment: environment ?? .v0,
                seed: TrainingConfiguration().seed, frames: 0)
            checkpoint.foreign = true
            checkpoint.environmentFromFile = environment != nil
        }
        for layer in 0..<3 {
            let (inputs, outputs) = checkpoint.network.shape(layer)
            for (name, shape) in [
                (tensorNames[layer * 2], [outputs, inputs]), (tensorNames[layer * 2 + 1], [outputs]),
            ] {
                guard let tensor = file.tensors[name] else { throw fail("tensor '\(name)' is missing") }
                guard SafetensorsFile.DType(rawValue: tensor.dtype) != nil else {
                    throw fail(
                        "tensor '\(name)' has dtype \(MessageText.shown(tensor.dtype)); readable dtypes are "
                            + SafetensorsFile.DType.allCases.map(\.rawValue).joined(separator: ", "))
                }
                guard tensor.shape == shape else {
                    throw fail(
                        "tensor '\(name)' has shape \(tensor.shape), expected \(shape) for hidden size \(hidden)")
                }
                let values: [Float]
                do { values = try file.floats(name) } catch { throw fail(error.reason) }
                guard values.allSatisfy(\.isFinite) else {
                    throw fail("tensor '\(name)' holds values that are not finite")
                }
                if shape.count == 2 {
                    checkpoint.network.setWeight(layer, values)
                } else {
                    checkpoint.network.setBias(layer, values)
                }
            }
        }
        if let state = Self.probeStates.first(where: {
            let q = checkpoint.network.qValues($0)
            return !(q[0].isFinite && q[1].isFinite)
        }) {
            throw fail(
                "its Q-values are not finite (at the state \(Array(arrayLiteral: state[0], state[1], state[2], state[3]))): "
                    + "its weights are too large for 32-bit floats")
        }
        return checkpoint
    }

    /// The centre and the corners of the states an episode can reach (positions and angles at the
    /// termination thresholds, velocities of ±3): where a usable network's Q-values must be finite.
    static let probeStates: [Observation] =
        [Observation()]
        + (0..<16).map { corner in
            let limits: [Float] = [2.4, 3, 0.21, 3]
            return Observation((0..<4).map { corner >> $0 & 1 == 1 ? limits[$0] : -limits[$0] })
        }

    /// A checkpoint of ours from its metadata, which must be complete and agree with the shapes.
    private static func ours(_ metadata: [String: String], hidden: Int, fail: (String) -> AgentError) throws(AgentError)
        -> Checkpoint
    {
        guard let version = metadata["format_version"], readableVersions.contains(version) else {
            throw fail(
                "format version '\(MessageText.shown(metadata["format_version"] ?? "none"))' is not supported (readable: \(readableVersions.joined(separator: ", ")))"
            )
        }
        guard let envID = metadata["env_id"], let environment = EnvironmentID(rawValue: envID) else {
            throw fail("unknown environment id '\(MessageText.shown(metadata["env_id"] ?? "none"))' in its metadata")
        }
        guard let stated = metadata["hidden"].flatMap({ Int($0) }) else {
            throw fail("its metadata has no valid hidden size")
        }
        guard stated == hidden else {
            throw fail("its metadata says hidden size \(stated), but tensor 'layers.0.weight' has \(hidden) rows")
        }
        guard let seed = metadata["seed"].flatMap({ UInt64($0) }),
            let frames = metadata["frames"].flatMap({ Int($0) }), frames >= 0
        else {
            throw fail("its metadata lacks a valid seed or frames")
        }
        var checkpoint = Checkpoint(
            network: QNetwork(hidden: hidden), environment: environment, seed: seed, frames: frames)
        checkpoint.evaluationMean = metadata["evaluation_mean"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        if version != "1" {
            var values: [String: String] = [:]
            for setting in TrainingConfiguration.settings {
                guard let text = metadata[metadataKey(setting)] else {
                    throw fail("its metadata lacks the training setting \(metadataKey(setting))")
                }
                values[setting.name] = text
            }
            do { checkpoint.training = try TrainingConfiguration(settings: values) } catch {
                throw fail("its metadata holds a training setting that cannot be: \(error)")
            }
            guard checkpoint.training?.hidden == hidden, checkpoint.training?.seed == seed,
                checkpoint.training?.environment == environment
            else {
                throw fail("its training settings disagree with its hidden size, seed or environment")
            }
        }
        return checkpoint
    }
}
