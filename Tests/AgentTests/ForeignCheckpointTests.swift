import Agent
import FileFormats
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
            let agent = try TrainedAgent.read(from: Fixtures.directory.appendingPathComponent(file))
            #expect(agent.checkpoint == nil && !agent.environmentFromFile && agent.environment == .v0, "\(file)")
            #expect((agent.network as? QNetwork)?.hidden == 128, "the notebook's shape plays as the notebook's network")
            try expectPyTorchsQValues(agent.network, observations, item["q_values"], file)
        }
    }

    /// Chapter 04's dueling network as its reader saves it (`torch.save`, `safetensors.torch.save_file`)
    /// plays as a dueling network with its Q-values; with a tensor missing or misshapen it is refused by name.
    @Test func chapterFoursDuelingNetworkPlaysFromTheFilesItsReadersSave() throws {
        let fixture = try Fixtures.json("dueling_agent.json")
        let observations = try fixture["observations"].array.map { Observation(try $0.floats) }
        let files = try fixture["files"].array.map { try $0.string }
        #expect(files.count == 2)
        for file in files {
            let agent = try TrainedAgent.read(from: Fixtures.directory.appendingPathComponent(file))
            let network = try #require(agent.network as? QNetwork, "\(file) plays as a QNetwork")
            #expect(network.dueling && network.hidden == 128, "\(file)")
            try expectPyTorchsQValues(network, observations, fixture["q_values"], file)
        }
        var generator = SplitMix64(seed: 5)
        let network = QNetwork(hidden: 6, dueling: true, using: &generator)
        let tensors = network.tensors.map { (name: $0.name, shape: $0.shape, values: network.values($0)) }
        let read = try TrainedAgent.decode(SafetensorsFile.encode(metadata: [:], tensors: tensors))
        #expect(read.network as? QNetwork == network)
        do {
            var misshapen = tensors
            misshapen[8] = (name: "value_layer.2.weight", shape: [2, 3], values: [Float](repeating: 0, count: 6))
            _ = try TrainedAgent.decode(
                SafetensorsFile.encode(metadata: [:], tensors: misshapen), path: "d.safetensors")
            Issue.record("a misshapen dueling network was accepted")
        } catch {
            #expect(error.description.contains("'value_layer.2.weight' has shape [2, 3], expected [1, 6]"), "\(error)")
        }
    }

    /// Chapter 05's noisy network saved without metadata (its buffers with it) plays as a noisy network, on
    /// its means; with its noise missing it is refused by name.
    @Test func chapterFivesNoisyNetworkPlaysFromAStateDict() throws {
        var generator = SplitMix64(seed: 6)
        let network = QNetwork(hidden: 6, noisy: true, using: &generator)
        let tensors = network.tensors.map { (name: $0.name, shape: $0.shape, values: network.values($0)) }
        let read = try TrainedAgent.decode(SafetensorsFile.encode(metadata: [:], tensors: tensors))
        #expect(read.network as? QNetwork == network)
        let observation = Observation(0.1, 0.2, -0.05, 0.3)
        var means = QNetwork(hidden: 6)
        means.parameters = Array(network.parameters[0..<network.sigmaOffset])
        #expect(read.network.qValues(observation) == means.qValues(observation), "it plays on its means")
        do {
            let noiseless = tensors.filter { !$0.name.hasSuffix("bias_epsilon") }
            _ = try TrainedAgent.decode(
                SafetensorsFile.encode(metadata: [:], tensors: noiseless), path: "n.safetensors")
            Issue.record("a noisy network without its noise was accepted")
        } catch {
            #expect(error.description.contains("tensor 'noisy_layer1.bias_epsilon' is missing"), "\(error)")
        }
    }

    /// Chapter 06's and chapter 08's categorical networks saved without metadata play as theirs, on their
    /// agents' support (51 atoms from 0 to 200, which the state dict does not hold).
    @Test func chapterSixAndEightsCategoricalNetworksPlayFromAStateDict() throws {
        var generator = SplitMix64(seed: 7)
        let support = QNetwork.support(atoms: 51, vMin: 0, vMax: 200)
        for (dueling, noisy) in [(false, false), (true, true)] {
            let network = QNetwork(hidden: 6, dueling: dueling, noisy: noisy, support: support, using: &generator)
            let tensors = network.tensors.map { (name: $0.name, shape: $0.shape, values: network.values($0)) }
            let read = try TrainedAgent.decode(SafetensorsFile.encode(metadata: [:], tensors: tensors))
            #expect(read.network as? QNetwork == network, "chapter \(noisy ? "08" : "06")'s network")
            let observation = Observation(0.1, 0.2, -0.05, 0.3)
            #expect(read.network.evaluate(observation).distributions?.support == support)
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
        let named = try TrainedAgent.decode(
            SafetensorsFile.encode(metadata: ["env_id": "CartPole-v1", "note": "mine"], tensors: tensors))
        #expect(named.checkpoint == nil && named.environmentFromFile && named.environment == .v1)
        #expect(named.network as? QNetwork == network)
        let missing = SafetensorsFile.encode(metadata: [:], tensors: Array(tensors.dropLast(2)))
        #expect(throws: AgentError.self) { try TrainedAgent.decode(missing) }
        #expect(throws: AgentError.self) {
            try Checkpoint.decode(SafetensorsFile.encode(metadata: [:], tensors: tensors))
        }
        var training = TrainingConfiguration()
        training.hidden = network.hidden
        var oursWrong = Checkpoint(network: network, training: training, frames: 5).encoded()
        oursWrong = SafetensorsBytes.editingHeader(oursWrong) {
            $0 = $0.replacingOccurrences(of: "\"training.n_step\":\"3\"", with: "\"training.n_step\":\"x\"")
        }
        #expect(throws: AgentError.self) { try Checkpoint.decode(oursWrong) }
        #expect(throws: AgentError.self) { try TrainedAgent.decode(oursWrong) }
    }

    /// Any prefix, any widths, the activation the metadata names: a perceptron giving the layers' values.
    @Test func anyPerceptronIsReadWhateverItsPrefix() throws {
        let widths = [4, 3, 5, 2]
        var tensors: [(name: String, shape: [Int], values: [Float])] = []
        var layers: [(weight: [Float], bias: [Float])] = []
        for layer in 0..<3 {
            let (inputs, outputs) = (widths[layer], widths[layer + 1])
            let weight = (0..<(inputs * outputs)).map { Float($0 % 7) / 10 - 0.3 }
            let bias = (0..<outputs).map { Float($0) / 4 }
            layers.append((weight, bias))
            tensors += [
                ("q_net.q_net.\(layer * 2).weight", [outputs, inputs], weight),
                ("q_net.q_net.\(layer * 2).bias", [outputs], bias),
            ]
        }
        let read = try TrainedAgent.decode(SafetensorsFile.encode(metadata: ["activation": "Tanh"], tensors: tensors))
        let perceptron = try #require(read.network as? Perceptron)
        #expect(perceptron == Perceptron(layers: layers, activation: .tanh) && perceptron.hidden == [3, 5])
        #expect(read.notes.isEmpty)
        // By hand: tanh after each hidden layer.
        let x: [Float] = [0.1, -0.2, 0.3, 0.5]
        var h = x
        for (index, (weight, bias)) in layers.enumerated() {
            let inputs = h.count
            h = bias.indices.map { o in bias[o] + (0..<inputs).reduce(Float(0)) { $0 + weight[o * inputs + $1] * h[$1] }
            }
            if index < 2 { h = h.map { Float(tanh(Double($0))) } }
        }
        let q = perceptron.qValues(Observation(x))
        #expect(abs(q[0] - h[0]) < 1e-6 && abs(q[1] - h[1]) < 1e-6)
        let unnamed = try TrainedAgent.decode(SafetensorsFile.encode(metadata: [:], tensors: tensors))
        #expect((unnamed.network as? Perceptron)?.activation == .relu && unnamed.notes.count == 1)
        let gelu = #expect(throws: AgentError.self) {
            try TrainedAgent.decode(SafetensorsFile.encode(metadata: ["activation": "GELU"], tensors: tensors))
        }
        #expect(gelu?.description.contains("activation 'GELU' cannot be played") == true)
        let broken = #expect(throws: AgentError.self) {
            try TrainedAgent.decode(SafetensorsFile.encode(metadata: [:], tensors: Array(tensors.dropFirst(2))))
        }
        #expect(broken?.description.contains("do not chain from 4 observations") == true)
    }
}

/// Expects `network`'s Q-values on `observations` to be PyTorch's (`expected`, a JSON list of pairs) to 1e-5.
func expectPyTorchsQValues(
    _ network: any QFunction, _ observations: [Observation], _ expected: JSON, _ file: String,
    sourceLocation: SourceLocation = #_sourceLocation
) throws {
    for (observation, pair) in zip(observations, try expected.array) {
        let q = network.qValues(observation)
        let want = try pair.floats
        for a in 0..<2 {
            #expect(
                abs(q[a] - want[a]) <= 1e-5 * max(1, abs(want[a])), "\(file): \(q) against PyTorch's \(want)",
                sourceLocation: sourceLocation)
        }
    }
}
