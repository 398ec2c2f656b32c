import Agent
import Foundation
import OutputFiles

/// An agent to play, read from the file of whichever trainer made it, recognised by its content: a checkpoint
/// of ours, any safetensors state dict, a file `torch.save` wrote (`.pt`, `.pth`, CleanRL's
/// `.cleanrl_model`), or a Stable-Baselines3 / RL Zoo `.zip`. Nothing downstream knows which it was.
public struct TrainedAgent: Sendable {
    package var network: any QFunction
    /// The environment to play: the file's, else CartPole-v0.
    public var environment: EnvironmentID
    /// Whether the file named its environment (else `environment` is CartPole-v0 by default).
    public var environmentFromFile: Bool
    /// The training seed of a checkpoint of ours (record and eval start from it by default), else the default.
    public var seed: UInt64
    /// A checkpoint of ours, with its frames, evaluation and settings; nil for any other file.
    package var checkpoint: Checkpoint?
    /// What the file is, for messages ("a Stable-Baselines3 model").
    public var kind: String
    /// What was assumed in reading it, one line each (an activation the file does not name).
    public var notes: [String] = []

    package init(_ checkpoint: Checkpoint) {
        network = checkpoint.network
        environment = checkpoint.environment
        environmentFromFile = true
        seed = checkpoint.seed
        self.checkpoint = checkpoint
        kind = "a cartpole checkpoint"
    }

    init(network: any QFunction, environment: EnvironmentID?, kind: String) {
        self.network = network
        self.environment = environment ?? .v0
        environmentFromFile = environment != nil
        seed = TrainingConfiguration().seed
        self.kind = kind
    }

    /// The largest agent file read: far more than any CartPole network with its optimizer's state.
    static let largestFile = 1 << 30

    /// Reads and decodes the file at `url`; a file that begins as no agent's file does is refused after its
    /// first piece, not read whole.
    public static func read(from url: URL) throws(AgentError) -> TrainedAgent {
        let path = url.relativePath
        var first = true
        let data = try FileIO.read(url, limit: largestFile, what: "an agent's file") {
            .badCheckpoint(path: path, reason: $0)
        } inspect: { piece in
            defer { first = false }
            return first ? unrecognised(piece) : nil
        }
        return try decode(data, path: path)
    }

    /// Why a file beginning with `piece` is no agent's file, or nil when it may be one.
    private static func unrecognised(_ piece: UnsafeRawBufferPointer) -> String? {
        guard let length = SafetensorsFile.headerLength(piece), !ZipArchive.looksLikeZip(piece),
            !piece.starts(with: legacyTorchMagic), !SafetensorsFile.headerLengths.contains(length)
        else { return nil }
        return "it begins as no agent's file does: neither a zip (PyTorch, Stable-Baselines3) nor safetensors "
            + "(its first 8 bytes give a header length of \(length) bytes)"
    }

    package static func decode(_ data: Data, path: String = "agent") throws(AgentError) -> TrainedAgent {
        let agent: TrainedAgent
        do { agent = try read(data, path: path) } catch { throw .badCheckpoint(path: path, reason: error.reason) }
        if let reason = agent.network.unplayable { throw .badCheckpoint(path: path, reason: reason) }
        return agent
    }

    /// How `torch.save` began a file before PyTorch 1.6: a pickle (protocol 2) of its magic number.
    static let legacyTorchMagic: [UInt8] = [
        0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19,
    ]

    /// The agent a file holds, by its content: a zip (Stable-Baselines3 or `torch.save`), else safetensors.
    private static func read(_ data: Data, path: String) throws(FileFormatError) -> TrainedAgent {
        if ZipArchive.looksLikeZip(data) {
            let archive = try ZipArchive(data)
            if StableBaselinesModel.isModel(archive) { return try StableBaselinesModel.agent(archive) }
            var agent = TrainedAgent(
                network: try TorchFile.stateDict(archive).network(activation: .relu), environment: nil,
                kind: "a PyTorch file")
            agent.notes.append("\(path) names no activation; ReLU assumed between its layers")
            return agent
        }
        let file: SafetensorsFile
        do { file = try SafetensorsFile(data) } catch {
            guard data.starts(with: legacyTorchMagic) else { throw error }
            throw FileFormatError(
                "it is a PyTorch file of before version 1.6 (a bare pickle); save it again with a newer torch.save")
        }
        let metadata = file.metadata ?? [:]
        if metadata["format"]?.hasPrefix("cartpole") == true { return TrainedAgent(try Checkpoint.decode(file)) }
        let environment = try metadata["env_id"].map { named throws(FileFormatError) in
            guard let id = EnvironmentID(rawValue: named) else {
                throw FileFormatError(
                    "unknown environment id '\(MessageText.shown(named))' in its metadata; known ids: "
                        + EnvironmentID.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return id
        }
        let named = try metadata["activation"].map { text throws(FileFormatError) in
            try Perceptron.Activation(named: text)
        }
        var agent = TrainedAgent(
            network: try StateDict(file).network(activation: named ?? .relu), environment: environment,
            kind: "a safetensors state dict")
        if named == nil { agent.notes.append("\(path) names no activation; ReLU assumed between its layers") }
        return agent
    }
}

extension Perceptron.Activation {
    /// The activation a file names: PyTorch's class name, bare or as Python prints the class
    /// (`<class 'torch.nn.modules.activation.Tanh'>`).
    init(named text: String) throws(FileFormatError) {
        let name = text.split(whereSeparator: { ".' <>".contains($0) }).last.map(String.init) ?? text
        guard let activation = Self.allCases.first(where: { $0.rawValue.lowercased() == name.lowercased() }) else {
            throw FileFormatError(
                "its activation '\(MessageText.shown(text))' cannot be played; playable are "
                    + Self.allCases.map(\.rawValue).joined(separator: ", "))
        }
        self = activation
    }
}

extension StateDict {
    /// A safetensors file's tensors, in the order a person numbers layers (`layers.2` before `layers.10`).
    init(_ file: SafetensorsFile) {
        for (name, tensor) in file.tensors.sorted(by: { $0.key.compare($1.key, options: .numeric) == .orderedAscending }
        ) {
            add(
                name,
                Tensor(shape: tensor.shape, dtype: tensor.dtype) { () throws(FileFormatError) -> [Float] in
                    try file.floats(name)
                })
        }
    }
}
