import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

@Suite struct CheckpointTests {
    func sample(hidden: Int = 4) -> Checkpoint {
        var generator = SplitMix64(seed: 9)
        var training = TrainingConfiguration()
        training.environment = .v1
        training.hidden = hidden
        return Checkpoint(network: QNetwork(hidden: hidden, using: &generator), training: training, frames: 1234)
    }

    func header(of data: Data) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(SafetensorsBytes.header(data).utf8)) as? [String: Any])
    }

    @Test func roundTripsExactly() throws {
        var checkpoint = sample(hidden: 128)
        checkpoint.training?.timeLimit = .bootstrap
        checkpoint.evaluationMean = 187.5
        let decoded = try Checkpoint.decode(checkpoint.encoded())
        #expect(decoded == checkpoint)
    }

    /// A dueling network is written under chapter 04's `state_dict()` names and read back as one; a file whose
    /// settings say otherwise is refused.
    @Test func aDuelingNetworkRoundTripsUnderItsChaptersNames() throws {
        var generator = SplitMix64(seed: 4)
        var training = TrainingConfiguration()
        training.hidden = 8
        training.dueling = true
        let checkpoint = Checkpoint(
            network: QNetwork(hidden: 8, dueling: true, using: &generator), training: training, frames: 10)
        let data = checkpoint.encoded()
        #expect(Set(try header(of: data).keys) == Set(Checkpoint.duelingTensorNames + ["__metadata__"]))
        let decoded = try Checkpoint.decode(data)
        #expect(decoded == checkpoint && decoded.network.dueling)
        var plainSettings = checkpoint
        plainSettings.training?.dueling = false
        #expect(throws: AgentError.self) { try Checkpoint.decode(plainSettings.encoded()) }
    }

    /// Chapter 09's network is written under its `state_dict()` names (its `i_pi` among them) and read back
    /// as one, played at its settings' fractions; settings that disagree, and an `i_pi` that is not π·i, are
    /// refused.
    @Test func anImplicitQuantileNetworkRoundTripsUnderItsChaptersNames() throws {
        var generator = SplitMix64(seed: 5)
        var training = try TrainingPreset.configuration(named: "rainbow-iqn", ["hidden": "8", "quantile-samples": "7"])
        training.quantileEmbeddingDim = 5
        let shape = training.networkShape
        let network = QNetwork(
            hidden: 8, dueling: true, noisy: true, embedding: shape.embedding, quantiles: shape.quantiles,
            using: &generator)
        let checkpoint = Checkpoint(network: network, training: training, frames: 10)
        let data = checkpoint.encoded()
        let names = Set(try header(of: data).keys)
        #expect(names.isSuperset(of: ["i_pi", "cos_embedding_layer.weight", "advantage_hidden_layer.weight_mu"]))
        let decoded = try Checkpoint.decode(data)
        #expect(decoded == checkpoint && decoded.network.quantile && decoded.network.quantiles == 7)
        var categorical = checkpoint
        categorical.training?.iqn = false
        #expect(throws: AgentError.self) { try Checkpoint.decode(categorical.encoded()) }
        var forged = checkpoint
        forged.network.frequencies[2] = 1e9
        do {
            _ = try Checkpoint.decode(forged.encoded(), path: "f.safetensors")
            Issue.record("an i_pi that is not pi * i was accepted")
        } catch {
            #expect(error.description.contains("tensor 'i_pi' must hold pi * i for i = 1 to 5"), "\(error)")
        }
        // Chapter 09's state_dict without our metadata: its network, played at the chapter's 32 fractions.
        let tensors = network.tensors.map { (name: $0.name, shape: $0.shape, values: network.values($0)) }
        let read = try TrainedAgent.decode(SafetensorsFile.encode(metadata: [:], tensors: tensors))
        let played = try #require(read.network as? QNetwork)
        #expect(played.parameters == network.parameters && played.quantile && played.quantiles == 32)
        // An implicit quantile network of other components (plain here), bare: read as one too.
        let plain = QNetwork(hidden: 6, embedding: 3, quantiles: 32, using: &generator)
        let bare = try TrainedAgent.decode(
            SafetensorsFile.encode(
                metadata: [:], tensors: plain.tensors.map { (name: $0.name, shape: $0.shape, values: plain.values($0)) }
            ))
        #expect(bare.network as? QNetwork == plain)
        #expect(throws: AgentError.self) {
            try TrainedAgent.decode(
                SafetensorsFile.encode(
                    metadata: [:],
                    tensors: forged.network.tensors.map {
                        (name: $0.name, shape: $0.shape, values: forged.network.values($0))
                    }))
        }
    }

    @Test func theLayoutIsThatOfTheNotebooksStateDict() throws {
        let data = sample(hidden: 8).encoded()
        let header = try header(of: data)
        #expect(Set(header.keys) == Set(Checkpoint.tensorNames + ["__metadata__"]))
        let weight = try #require(header["layers.2.weight"] as? [String: Any])
        #expect(weight["dtype"] as? String == "F32")
        #expect(weight["shape"] as? [Int] == [8, 8])
        #expect((header["layers.0.weight"] as? [String: Any])?["shape"] as? [Int] == [8, 4])
        #expect((header["layers.4.bias"] as? [String: Any])?["shape"] as? [Int] == [2])
        let metadata = try #require(header["__metadata__"] as? [String: String])
        #expect(metadata["env_id"] == "CartPole-v1")
        #expect(metadata["hidden"] == "8")
        #expect(metadata["training.n_step"] == "3")
        #expect(metadata["training.time_limit"] == "terminal")
        #expect(metadata["format_version"] == "2")
        // Every setting of the training, under its name in files.
        #expect(
            Set(metadata.keys.filter { $0.hasPrefix("training.") })
                == Set(
                    TrainingConfiguration.settings.map {
                        "training." + $0.name.replacingOccurrences(of: "-", with: "_")
                    }))
        let headerLength = SafetensorsBytes.headerLength(data)
        #expect((8 + headerLength) % 8 == 0, "data starts 8-byte aligned")
        // The first weight value, little-endian F32 at the first data offset, is weight[0][0].
        let bits = data[8 + headerLength..<8 + headerLength + 4].enumerated().reduce(UInt32(0)) {
            $0 | UInt32($1.element) << (8 * UInt32($1.offset))
        }
        #expect(Float(bitPattern: bits) == sample(hidden: 8).network.weight(0)[0])
    }

    @Test func everyTruncationIsAClearError() {
        let data = sample().encoded()
        for length in 0..<data.count {
            do {
                _ = try Checkpoint.decode(data.prefix(length), path: "cut.safetensors")
                Issue.record("a checkpoint cut to \(length) bytes was accepted")
            } catch {
                #expect(error.description.hasPrefix("cut.safetensors is not a usable agent checkpoint"))
            }
        }
    }

    @Test func lyingHeadersAndForeignFilesAreRefused() throws {
        var lying = sample().encoded()
        lying[0] = 0xFF
        lying[5] = 0x01
        #expect(throws: AgentError.self) { try Checkpoint.decode(lying) }
        #expect(throws: AgentError.self) { try Checkpoint.decode(Data("not a checkpoint at all".utf8)) }
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        #expect(throws: AgentError.self) { try Checkpoint.decode(png) }
    }

    func rewritten(_ edit: (inout String) -> Void) -> Data {
        SafetensorsBytes.editingHeader(sample().encoded(), edit)
    }

    @Test func wrongNamesDtypesShapesAndMetadataAreRefused() {
        let edits: [(String, (inout String) -> Void)] = [
            ("unexpected tensor", { $0 = $0.replacingOccurrences(of: "layers.0.bias", with: "layers.1.bias") }),
            ("dtype I32", { $0 = $0.replacingOccurrences(of: "\"F32\"", with: "\"I32\"") }),
            ("has shape", { $0 = $0.replacingOccurrences(of: "[4,4]", with: "[4,5]") }),
            ("hidden size", { $0 = $0.replacingOccurrences(of: "\"hidden\":\"4\"", with: "\"hidden\":\"8\"") }),
            ("environment id", { $0 = $0.replacingOccurrences(of: "CartPole-v1", with: "MountainCar-v0") }),
        ]
        for (expected, edit) in edits {
            do {
                _ = try Checkpoint.decode(rewritten(edit))
                Issue.record("an edit for '\(expected)' was accepted")
            } catch {
                #expect(error.description.contains(expected), "\(error)")
            }
        }
    }

    @Test func aMissingFileSaysSo() {
        #expect(throws: AgentError.badCheckpoint(path: "/nonexistent/agent.safetensors", reason: "no such file")) {
            try Checkpoint.read(from: URL(fileURLWithPath: "/nonexistent/agent.safetensors"))
        }
    }
}

extension TrainingConfiguration {
    /// The defaults with the small network the tests use.
    static var hidden4: TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.hidden = 4
        return configuration
    }
}
