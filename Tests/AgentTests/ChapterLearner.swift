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

    init(kernelsName: String, online: QNetwork, target: QNetwork, fractions: DQNLoss.Fractions? = nil) throws {
        guard let kernels = Kernels.available.first(where: { $0.name == kernelsName }) else {
            throw AgentError.invalidValue("no kernels called \(kernelsName)")
        }
        self.kernels = kernels
        self.online = online
        self.target = target
        adam = Adam(parameterCount: online.parameters.count, learningRate: 1e-3, kernels: kernels)
        loss = try DQNLoss(
            hidden: online.hidden, dueling: online.dueling, support: online.support, embedding: online.embedding,
            fractions: fractions, kernels: kernels)
        gradient = [Float](repeating: 0, count: online.parameters.count)
    }

    /// A network of hidden 128 of the chapter's kind holding the fixture's tensors by `state_dict()` name
    /// (with or without its buffers), every one of which it must have.
    static func network(_ json: JSON, dueling: Bool = false, noisy: Bool = false, support: [Float] = []) throws
        -> QNetwork
    {
        var network = QNetwork(hidden: 128, dueling: dueling, noisy: noisy, support: support)
        let buffers = Set(network.tensors.filter(\.buffer).map(\.name))
        let names = Set(try json.keys)
        #expect(
            names == Set(network.tensors.map(\.name)) || names == Set(network.tensors.map(\.name)).subtracting(buffers),
            "the chapter's state_dict names are ours")
        for tensor in network.tensors where names.contains(tensor.name) {
            network.set(tensor, try json[tensor.name].floats)
        }
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

    /// The network's Q-values of the batch's start observations, `[rows][2]`.
    static func qValues(_ network: QNetwork, of batch: DQNBatch) -> [Float] {
        (0..<batch.rows).flatMap { row in
            let values = network.qValues(Observation((0..<4).map { batch.observations[row * 4 + $0] }))
            return [values[0], values[1]]
        }
    }

    /// Holds the last gradient to `expected` (1e-5 relative), layer by layer.
    func expectGradient(_ expected: Layers, _ label: String) {
        var view = QNetwork(hidden: 128)
        view.parameters = gradient
        fixture.expectLayers(view, expected, "\(label) gradient of")
    }

    /// Holds the online network's weights to `expected`.
    func expectWeights(_ expected: Layers, _ label: String) { fixture.expectLayers(online, expected, label) }

    /// A noisy network's update after its loss, held to a chapter's (rainbow chapters 08 and 09): the
    /// gradient through its noisy weights (`noisyGradient`), clipped at norm 10, held to `gradients` tensor by
    /// tensor (1e-5 relative), then Adam's step held to `paramsAfter` as `expectStep` holds it. Returns whether
    /// the clipping acted and how many steps `expectStep` found off.
    mutating func expectClippedNoisyStep(
        _ noisyGradient: [Float], gradients: [String: [Float]], paramsAfter: [String: [Float]],
        noise: inout [String: Set<Int>], _ label: String
    ) throws -> (clipped: Bool, offSteps: Int) {
        online.noisyGradient(from: noisyGradient, into: &gradient)
        let norm = GradientClipping.clip(&gradient, maxNorm: 10)
        var view = online
        view.parameters = gradient
        let parameters = view.tensors.filter { !$0.buffer }
        #expect(Set(gradients.keys) == Set(parameters.map(\.name)))
        for tensor in parameters {
            let expected = try #require(gradients[tensor.name])
            #expect(fixture.relativeError(view.values(tensor), expected) < 1e-5, "\(label) d\(tensor.name)")
        }
        adam.update(&online.parameters, gradient: gradient)
        var offSteps = 0
        for tensor in parameters {
            offSteps += Self.expectStep(
                online.values(tensor), try #require(paramsAfter[tensor.name]),
                gradient: try #require(gradients[tensor.name]), noise: &noise[tensor.name, default: []],
                "\(label) \(tensor.name)")
        }
        return (norm > 10, offSteps)
    }

    /// Holds a tensor after an Adam step to the chapter's, 1e-5 relative, except where the chapter's gradient
    /// was below 1e-5 of its tensor's largest, at this update or an earlier one (`noise`, which it adds to):
    /// such a gradient lies within the rounding of its sum (the gradients are held no closer), and Adam's
    /// first steps are about lr · g / (|g| + 1e-8), so a gradient of 1e-11 there moves a weight by 1e-6
    /// whichever its sign. Those weights are held to 1e-4. Returns how many of them are off by more than
    /// 1e-5 relative.
    @discardableResult
    static func expectStep(
        _ ours: [Float], _ expected: [Float], gradient: [Float], noise: inout Set<Int>, _ label: String
    ) -> Int {
        let fixture = DQNUpdateFixtureTests()
        let largest = gradient.map(abs).max() ?? 0
        noise.formUnion(gradient.indices.filter { abs(gradient[$0]) < 1e-5 * largest })
        let others = ours.indices.filter { !noise.contains($0) }
        #expect(fixture.relativeError(others.map { ours[$0] }, others.map { expected[$0] }) < 1e-5, "\(label)")
        for i in noise.sorted() where abs(ours[i] - expected[i]) >= 1e-4 {
            Issue.record("\(label)[\(i)] is \(ours[i]), the chapter's \(expected[i]) (gradient \(gradient[i]))")
        }
        let scale = max(expected.map(abs).max() ?? 0, 1e-12)
        return noise.filter { abs(ours[$0] - expected[$0]) > 1e-5 * scale }.count
    }
}
