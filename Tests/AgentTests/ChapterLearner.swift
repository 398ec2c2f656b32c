import Agent

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
        guard let kernels = Kernels.available.first(where: { $0.name == kernelsName }) else {
            throw AgentError.invalidValue("no kernels called \(kernelsName)")
        }
        self.kernels = kernels
        online = DQNUpdateFixtureTests.network(initial, hidden: 128)
        self.target = DQNUpdateFixtureTests.network(target, hidden: 128)
        adam = Adam(parameterCount: online.parameters.count, learningRate: 1e-3, kernels: kernels)
        loss = try DQNLoss(hidden: 128, kernels: kernels)
        gradient = [Float](repeating: 0, count: online.parameters.count)
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
