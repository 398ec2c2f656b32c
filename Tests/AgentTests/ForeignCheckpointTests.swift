import Agent
import Foundation
import TestSupport
import Testing

/// The notebook's network saved by PyTorch (`safetensors.torch.save_file(net.state_dict())`, no metadata),
/// in F32, F16, BF16 and F64: read, converted, and giving PyTorch's Q-values.
@Suite struct ForeignCheckpointTests {
    @Test func pytorchsCheckpointsGiveItsQValuesInEveryDType() throws {
        let fixture = try Fixtures.json("pytorch_agent.json")
        let observations = try fixture["observations"].array.map { Observation(try $0.floats) }
        let cases = try fixture["cases"].array
        #expect(cases.count >= 4)
        for item in cases {
            let file = try item["file"].string
            let checkpoint = try Checkpoint.read(from: Fixtures.directory.appendingPathComponent(file))
            #expect(checkpoint.foreign && !checkpoint.environmentFromFile && checkpoint.environment == .v0, "\(file)")
            #expect(checkpoint.network.hidden == 128)
            for (observation, expected) in zip(observations, try item["q_values"].array) {
                let q = checkpoint.network.qValues(observation)
                let want = try expected.floats
                for a in 0..<2 {
                    #expect(
                        abs(q[a] - want[a]) <= 1e-5 * max(1, abs(want[a])), "\(file): \(q) against PyTorch's \(want)")
                }
            }
        }
    }

    /// A foreign file that names an environment plays it; ours still have their metadata checked.
    @Test func metadataIsUsedWhenPresentAndOursIsChecked() throws {
        var generator = SplitMix64(seed: 3)
        let network = QNetwork(hidden: 6, using: &generator)
        let tensors = (0..<3).flatMap { layer -> [(name: String, shape: [Int], values: [Float])] in
            let (inputs, outputs) = network.shape(layer)
            return [
                (Checkpoint.tensorNames[layer * 2], [outputs, inputs], network.weight(layer)),
                (Checkpoint.tensorNames[layer * 2 + 1], [outputs], network.bias(layer)),
            ]
        }
        let named = try Checkpoint.decode(
            SafetensorsFile.encode(metadata: ["env_id": "CartPole-v1", "note": "mine"], tensors: tensors))
        #expect(named.foreign && named.environmentFromFile && named.environment == .v1 && named.network == network)
        let missing = SafetensorsFile.encode(metadata: [:], tensors: Array(tensors.dropLast()))
        #expect(throws: AgentError.self) { try Checkpoint.decode(missing) }
        var training = TrainingConfiguration()
        training.hidden = network.hidden
        var oursWrong = Checkpoint(network: network, training: training, frames: 5).encoded()
        oursWrong = SafetensorsBytes.editingHeader(oursWrong) {
            $0 = $0.replacingOccurrences(of: "\"training.n_step\":\"3\"", with: "\"training.n_step\":\"x\"")
        }
        #expect(throws: AgentError.self) { try Checkpoint.decode(oursWrong) }
    }
}
