import Agent
import TestSupport
import Testing

/// What a chapter fixture's updates start from, on one kernel variant: the online network at the fixture's
/// initial weights, a fixed target network, Adam at PyTorch's defaults and the loss, for hidden 128.
struct ChapterLearner {
    typealias Layers = DQNUpdateFixtureTests.Layers

    let kernels: Kernels
    var online: QNetwork
    let target: QNetwork
    var adam: Adam
    let loss: DQNLoss
    var gradient: [Float]
    private let fixture = DQNUpdateFixtureTests()

    init(kernelsName: String, online initial: Layers, target: Layers) throws {
        try self.init(
            kernelsName: kernelsName, online: DQNUpdateFixtureTests.network(initial, hidden: 128),
            target: DQNUpdateFixtureTests.network(target, hidden: 128))
    }

    init(kernelsName: String, online: QNetwork, target: QNetwork) throws {
        guard let kernels = Kernels.available.first(where: { $0.name == kernelsName }) else {
            throw AgentError.invalidValue("no kernels called \(kernelsName)")
        }
        self.kernels = kernels
        self.online = online
        self.target = target
        adam = Adam(parameterCount: online.parameters.count, learningRate: 1e-3, kernels: kernels)
        loss = try DQNLoss(hidden: online.hidden, dueling: online.dueling, kernels: kernels)
        gradient = [Float](repeating: 0, count: online.parameters.count)
    }

    /// A network of hidden 128 of the chapter's kind holding the fixture's tensors by `state_dict()` name
    /// (buffers among them), every one of which it must have.
    static func network(_ json: JSON, dueling: Bool = false, noisy: Bool = false) throws -> QNetwork {
        var network = QNetwork(hidden: 128, dueling: dueling, noisy: noisy)
        #expect(Set(try json.keys) == Set(network.tensors.map(\.name)), "the chapter's state_dict names are ours")
        for tensor in network.tensors { network.set(tensor, try json[tensor.name].floats) }
        return network
    }

    /// Tensors by name, flattened.
    static func tensors(_ json: JSON) throws -> [String: [Float]] {
        Dictionary(uniqueKeysWithValues: try json.keys.map { ($0, try json[$0].floats) })
    }

    /// A chapter's sample batch (`obs`, `acts`, `rews`, `next_obs`, `terminated`, as its replay buffer gives
    /// them) as a 1-step batch discounted by `gamma`.
    static func batch(_ json: JSON, gamma: Float) throws -> DQNBatch {
        let rows = try json["rews"].floats.count
        return DQNBatch(
            observations: try json["obs"].floats, actions: try json["acts"].floats.map { Int($0) },
            rewards: try json["rews"].floats, nextObservations: try json["next_obs"].floats,
            discounts: [Float](repeating: gamma, count: rows), masks: try json["terminated"].floats)
    }

    /// Holds the last gradient to `expected` (1e-5 relative), layer by layer.
    func expectGradient(_ expected: Layers, _ label: String) {
        var view = QNetwork(hidden: 128)
        view.parameters = gradient
        fixture.expectLayers(view, expected, "\(label) gradient of")
    }

    /// Holds the online network's weights to `expected`.
    func expectWeights(_ expected: Layers, _ label: String) { fixture.expectLayers(online, expected, label) }
}
