import Foundation

/// A trained online network in the safetensors format, loadable by PyTorch users with
/// `safetensors.torch.load_file` straight into the notebook's `Network` (tensor names of its `state_dict()`,
/// F32, shapes `[out, in]`), with the run's configuration in `__metadata__`.
public struct Checkpoint: Sendable, Equatable {
    public static let format = "cartpole-dqn"
    public static let formatVersion = "1"
    public static let tensorNames = ["layers.0.weight", "layers.0.bias", "layers.2.weight", "layers.2.bias",
                                     "layers.4.weight", "layers.4.bias"]
    /// Largest header accepted; a real one is well under a kilobyte.
    static let maximumHeaderLength = 1 << 20

    public var network: QNetwork
    public var environment: EnvironmentID
    public var nStep: Int
    public var gamma: Double
    public var seed: UInt64
    public var frames: Int

    public init(network: QNetwork, environment: EnvironmentID, nStep: Int, gamma: Double, seed: UInt64, frames: Int) {
        self.network = network
        self.environment = environment
        self.nStep = nStep
        self.gamma = gamma
        self.seed = seed
        self.frames = frames
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
        ["format": Self.format, "format_version": Self.formatVersion, "env_id": environment.rawValue,
         "hidden": String(network.hidden), "n_step": String(nStep), "gamma": String(gamma),
         "seed": String(seed), "frames": String(frames)]
    }

    // MARK: - Writing

    /// The file's bytes: header length (u64 little-endian), JSON header padded with spaces to 8 bytes, data.
    public func encoded() -> Data {
        var entries: [String] = []
        let metadataJSON = metadata.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\"\($0.value)\"" }
        entries.append("\"__metadata__\":{\(metadataJSON.joined(separator: ","))}")
        var offset = 0
        var payload = Data()
        for tensor in tensors {
            let size = tensor.values.count * 4
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append("\"\(tensor.name)\":{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(offset),\(offset + size)]}")
            offset += size
            for value in tensor.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) } }
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var file = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: header)
        file.append(payload)
        return file
    }

    /// Writes the checkpoint atomically (a temporary file renamed into place).
    public func write(to url: URL) throws(AgentError) {
        try FileIO.write(encoded(), to: url, what: "the checkpoint")
    }

    // MARK: - Reading

    public static func read(from url: URL) throws(AgentError) -> Checkpoint {
        try decode(FileIO.read(url) { .badCheckpoint(path: url.path, reason: $0) }, path: url.path)
    }

    /// Parses and checks a checkpoint: header length and bounds, names, dtypes, shapes, offsets, metadata.
    public static func decode(_ data: Data, path: String = "checkpoint") throws(AgentError) -> Checkpoint {
        func fail(_ reason: String) -> AgentError { .badCheckpoint(path: path, reason: reason) }
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw fail("the file is \(bytes.count) bytes, too short for a safetensors header") }
        let headerLength = bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) }
        guard headerLength <= UInt64(bytes.count - 8), headerLength <= UInt64(maximumHeaderLength), headerLength >= 2 else {
            throw fail("the header length (\(headerLength) bytes) does not fit in the file (\(bytes.count) bytes); it is truncated or not safetensors")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes[8..<headerEnd])),
              let header = object as? [String: Any] else {
            throw fail("the header is not a JSON object")
        }
        guard let metadata = header["__metadata__"] as? [String: String] else {
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
        let names = Set(header.keys).subtracting(["__metadata__"])
        if let extra = names.subtracting(tensorNames).sorted().first { throw fail("unexpected tensor '\(extra)'") }
        var network = QNetwork(hidden: hidden)
        let dataStart = headerEnd, dataSize = bytes.count - headerEnd
        for layer in 0..<3 {
            let (inputs, outputs) = network.shape(layer)
            for (name, shape) in [(tensorNames[layer * 2], [outputs, inputs]), (tensorNames[layer * 2 + 1], [outputs])] {
                guard let entry = header[name] as? [String: Any] else { throw fail("tensor '\(name)' is missing") }
                guard entry["dtype"] as? String == "F32" else {
                    throw fail("tensor '\(name)' has dtype \(entry["dtype"] as? String ?? "none"), expected F32")
                }
                guard let found = entry["shape"] as? [Int], found == shape else {
                    throw fail("tensor '\(name)' has shape \(entry["shape"].map { "\($0)" } ?? "none"), expected \(shape) for hidden size \(hidden)")
                }
                let count = shape.reduce(1, *)
                guard let offsets = entry["data_offsets"] as? [Int], offsets.count == 2,
                      offsets[0] >= 0, offsets[1] == offsets[0] + count * 4, offsets[1] <= dataSize else {
                    throw fail("tensor '\(name)' has data offsets outside the file; it is truncated or corrupt")
                }
                let values = (0..<count).map { i -> Float in
                    let at = dataStart + offsets[0] + i * 4
                    let bits = UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
                    return Float(bitPattern: bits)
                }
                guard values.allSatisfy(\.isFinite) else { throw fail("tensor '\(name)' holds values that are not finite") }
                if shape.count == 2 { network.setWeight(layer, values) } else { network.setBias(layer, values) }
            }
        }
        return Checkpoint(network: network, environment: environment, nStep: nStep, gamma: gamma, seed: seed, frames: frames)
    }
}
