import Agent
import Foundation
import OutputFiles

/// A trained online network in the safetensors format, loadable by PyTorch users with
/// `safetensors.torch.load_file` straight into the notebook's `Network`, or the rainbow chapter's whose
/// components it has (tensor names of its `state_dict()`, F32, shapes `[out, in]`), with the run's
/// configuration in `__metadata__`. Files of other trainers, the notebook's network saved by PyTorch among
/// them, are read as a `TrainedAgent`.
package struct Checkpoint: Sendable, Equatable {
    package static let format = "cartpole-dqn"
    /// The largest file a network of ours can be: a noisy dueling one of hidden 4096 and the most atoms (its
    /// means and σ, and its noise buffers: the most values of any), every tensor F64, the largest header.
    static let largestFile =
        8 + SafetensorsFile.maximumHeaderLength + 8
        * (QNetwork.parameterCount(hidden: 4096, dueling: true, noisy: true, atoms: TrainingConfiguration.mostAtoms)
            + QNetwork.noisyCount(hidden: 4096, dueling: true, atoms: TrainingConfiguration.mostAtoms))
    /// Version 2 records every training setting (`training.NAME`); version 1 only n_step, gamma and seed.
    package static let formatVersion = "2"
    static let readableVersions = ["1", "2"]
    /// The tensors of the notebook's network (and chapter 06's), and of chapter 04's dueling one.
    package static let tensorNames = QNetwork(hidden: 1).tensors.map(\.name)
    package static let duelingTensorNames = QNetwork(hidden: 1, dueling: true).tensors.map(\.name)
    package var network: QNetwork
    package var environment: EnvironmentID
    /// The seed of the training that made it: record and eval start from it by default.
    package var seed: UInt64
    package var frames: Int
    /// The mean return of the evaluation made at `frames`, when the checkpoint was chosen by one.
    package var evaluationMean: Double?
    /// The settings of the training that made it, when the file records them (not before version 2).
    package var training: TrainingConfiguration?

    /// A checkpoint of a training with `training`'s settings, after `frames` frames.
    package init(network: QNetwork, training: TrainingConfiguration, frames: Int, evaluationMean: Double? = nil) {
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
    var tensors: [(name: String, shape: [Int], values: [Float])] {
        network.tensors.map { ($0.name, $0.shape, network.values($0)) }
    }

    var metadata: [String: String] {
        var metadata = [
            "format": Self.format, "format_version": Self.formatVersion, "env_id": environment.rawValue,
            "hidden": String(network.hidden), "seed": String(seed), "frames": String(frames),
        ]
        if let evaluationMean { metadata["evaluation_mean"] = String(evaluationMean) }
        if let training {
            metadata["settings_version"] = String(SettingsRecord.version(of: TrainingConfiguration.settings))
            for setting in TrainingConfiguration.settings {
                metadata[Self.metadataKey(setting)] = setting.value(in: training).text
            }
        }
        return metadata
    }

    // MARK: - Writing

    /// The file's bytes: the tensors in `state_dict()` order with the metadata.
    package func encoded() -> Data {
        SafetensorsFile.encode(metadata: metadata, tensors: tensors)
    }

    /// Writes the checkpoint atomically (a temporary file renamed into place).
    package func write(to url: URL) throws(AgentError) {
        try FileIO.write(encoded(), to: url, what: "the checkpoint")
    }

    // MARK: - Reading

    package static func read(from url: URL) throws(AgentError) -> Checkpoint {
        try decode(
            FileIO.read(url, limit: largestFile, what: "a checkpoint of the notebook's network") {
                .badCheckpoint(path: url.relativePath, reason: $0)
            }, path: url.relativePath)
    }

    /// Parses and checks a checkpoint: the safetensors structure (`SafetensorsFile`), the notebook's
    /// tensors (names, dtypes, shapes, finite values) and its metadata. Other trainers' files are read as
    /// a `TrainedAgent`.
    package static func decode(_ data: Data, path: String = "checkpoint") throws(AgentError) -> Checkpoint {
        do { return try decode(try SafetensorsFile(data)) } catch {
            throw .badCheckpoint(path: path, reason: error.reason)
        }
    }

    static func decode(_ file: SafetensorsFile) throws(FileFormatError) -> Checkpoint {
        let metadata = file.metadata ?? [:]
        guard let format = metadata["format"] else {
            throw FileFormatError("it was not written by cartpole (its metadata names no format)")
        }
        guard format == Self.format else {
            throw FileFormatError("its format is '\(MessageText.shown(format))', expected '\(Self.format)'")
        }
        // Which chapter's network, by its tensors' names (a categorical one's atoms are in its settings).
        let (dueling, noisy) = components(named: file.tensors.keys)
        // An implicit quantile network's cosines are its i_pi's length.
        var embedding = 0
        if let frequencies = file.tensors[frequenciesName] {
            guard frequencies.shape.count == 1, (1...TrainingConfiguration.mostQuantiles).contains(frequencies.shape[0])
            else {
                throw FileFormatError(
                    "tensor '\(frequenciesName)' has shape \(frequencies.shape), expected [n] with n from 1 to \(TrainingConfiguration.mostQuantiles)"
                )
            }
            embedding = frequencies.shape[0]
        }
        let kind = QNetwork(hidden: 1, dueling: dueling, noisy: noisy, embedding: embedding)
        let names = kind.tensors.map(\.name)
        if let extra = Set(file.tensors.keys).subtracting(names).sorted().first {
            throw FileFormatError(
                "unexpected tensor '\(MessageText.shown(extra))'; expected the notebook's network: \(names.joined(separator: ", "))"
            )
        }
        guard let first = file.tensors[names[0]] else {
            throw FileFormatError("tensor '\(names[0])' is missing")
        }
        guard first.shape.count == 2, first.shape[1] == QNetwork.inputs, (1...4096).contains(first.shape[0]) else {
            throw FileFormatError(
                "tensor '\(names[0])' has shape \(first.shape), expected [hidden, 4] with hidden from 1 to 4096")
        }
        var checkpoint = try ours(
            metadata, hidden: first.shape[0], dueling: dueling, noisy: noisy, embedding: embedding)
        let hidden = checkpoint.network.hidden
        for expected in checkpoint.network.tensors {
            let (name, shape) = (expected.name, expected.shape)
            guard let tensor = file.tensors[name] else { throw FileFormatError("tensor '\(name)' is missing") }
            guard TensorDType(rawValue: tensor.dtype) != nil else {
                throw FileFormatError(
                    "tensor '\(name)' has dtype \(MessageText.shown(tensor.dtype)); readable dtypes are \(TensorDType.listed)"
                )
            }
            guard tensor.shape == shape else {
                throw FileFormatError(
                    "tensor '\(name)' has shape \(tensor.shape), expected \(shape) for hidden size \(hidden)")
            }
            let values: [Float]
            do { values = try file.floats(name) } catch { throw FileFormatError(error.reason) }
            guard values.allSatisfy(\.isFinite) else {
                throw FileFormatError("tensor '\(name)' holds values that are not finite")
            }
            checkpoint.network.set(expected, values)
        }
        try checkFrequencies(checkpoint.network)
        if let reason = checkpoint.network.unplayable { throw FileFormatError(reason) }
        return checkpoint
    }

    /// Which chapter's network tensors of these names are (a categorical one's are its kind's, an implicit
    /// quantile one's the network's it extends): dueling ones start with a feature layer, noisy ones have
    /// means.
    static func components(named names: some Collection<String>) -> (dueling: Bool, noisy: Bool) {
        (names.contains(duelingTensorNames[0]), names.contains { $0.hasSuffix(".weight_mu") })
    }

    /// The tensor only an implicit quantile network has: its π·i (chapter 09's `i_pi` buffer).
    static let frequenciesName = "i_pi"

    /// Refuses an implicit quantile network whose π·i are not chapter 09's (what its cosines are made for).
    static func checkFrequencies(_ network: QNetwork) throws(FileFormatError) {
        guard network.frequencies != QNetwork.frequencies(network.embedding) else { return }
        throw FileFormatError(
            "tensor '\(frequenciesName)' must hold pi * i for i = 1 to \(network.embedding), as chapter 09's does")
    }

    /// A checkpoint of ours from its metadata, which must be complete and agree with the shapes.
    private static func ours(_ metadata: [String: String], hidden: Int, dueling: Bool, noisy: Bool, embedding: Int)
        throws(FileFormatError)
        -> Checkpoint
    {
        guard let version = metadata["format_version"], readableVersions.contains(version) else {
            throw FileFormatError(
                "format version '\(MessageText.shown(metadata["format_version"] ?? "none"))' is not supported (readable: \(readableVersions.joined(separator: ", ")))"
            )
        }
        guard let envID = metadata["env_id"], let environment = EnvironmentID(rawValue: envID) else {
            throw FileFormatError(
                "unknown environment id '\(MessageText.shown(metadata["env_id"] ?? "none"))' in its metadata")
        }
        guard let stated = metadata["hidden"].flatMap({ Int($0) }) else {
            throw FileFormatError("its metadata has no valid hidden size")
        }
        guard stated == hidden else {
            throw FileFormatError(
                "its metadata says hidden size \(stated), but tensor '\(QNetwork(hidden: 1, dueling: dueling, noisy: noisy).tensors[0].name)' has \(hidden) rows"
            )
        }
        guard let seed = metadata["seed"].flatMap({ UInt64($0) }),
            let frames = metadata["frames"].flatMap({ Int($0) }), frames >= 0
        else {
            throw FileFormatError("its metadata lacks a valid seed or frames")
        }
        var checkpoint = Checkpoint(
            network: QNetwork(hidden: hidden, dueling: dueling, noisy: noisy, embedding: embedding),
            environment: environment, seed: seed,
            frames: frames)
        checkpoint.evaluationMean = metadata["evaluation_mean"].flatMap(Double.init).flatMap { $0.isFinite ? $0 : nil }
        if version != "1" {
            // Settings added after the file was written read as their defaults (files before the key: 1).
            guard let settingsVersion = Int(metadata["settings_version"] ?? "1"), settingsVersion >= 1 else {
                throw FileFormatError("its metadata's settings_version is not a positive whole number")
            }
            var values: [String: String] = [:]
            for setting in TrainingConfiguration.settings {
                if let text = metadata[metadataKey(setting)] { values[setting.name] = text }
            }
            if let lacking = SettingsRecord.lacking(
                values.keys, in: TrainingConfiguration.settings, version: settingsVersion
            ).first {
                throw FileFormatError("its metadata lacks the training setting \(metadataKey(lacking))")
            }
            do { checkpoint.training = try TrainingConfiguration(settings: values) } catch {
                throw FileFormatError("its metadata holds a training setting that cannot be: \(error)")
            }
            guard let training = checkpoint.training, training.hidden == hidden, training.seed == seed,
                training.environment == environment, training.dueling == dueling, training.noisy == noisy,
                training.networkShape.embedding == embedding
            else {
                throw FileFormatError(
                    "its training settings disagree with its hidden size, seed, environment or network (dueling, noisy, implicit quantile or none)"
                )
            }
            checkpoint.network = training.networkShape
        }
        return checkpoint
    }
}
