import Agent
import Foundation
import TestSupport
import Testing

/// Double DQN against chapter 02 of rainbow-is-all-you-need: its own agent's loss, gradients and Adam steps
/// (`double_update.json`), for every case, on every variant of the kernels this processor runs.
@Suite struct DoubleUpdateFixtureTests {
    typealias Layers = DQNUpdateFixtureTests.Layers

    struct Update {
        let batch: DQNBatch
        let loss: Float
        let gradients, paramsAfter: Layers
    }

    struct Case {
        let onlineInitial, target: Layers
        let updates: [Update]
    }

    static let cases = Result {
        try Fixtures.json("double_update.json")["cases"].array.map { item in
            let gamma = try item["gamma"].float
            return Case(
                onlineInitial: try Layers(item["online_initial"]), target: try Layers(item["target"]),
                updates: try item["updates"].array.map { update in
                    let batch = try update["batch"]
                    let rows = try batch["rews"].floats.count
                    return Update(
                        batch: DQNBatch(
                            observations: try batch["obs"].floats, actions: try batch["acts"].floats.map { Int($0) },
                            rewards: try batch["rews"].floats, nextObservations: try batch["next_obs"].floats,
                            discounts: [Float](repeating: gamma, count: rows), masks: try batch["terminated"].floats),
                        loss: try update["loss"].float, gradients: try Layers(update["gradients"]),
                        paramsAfter: try Layers(update["params_after"]))
                })
        }
    }

    @Test(arguments: Kernels.available.map(\.name))
    func lossGradientsAndAdamStepsMatchTheChapter(kernelsName: String) throws {
        let kernels = try #require(Kernels.available.first { $0.name == kernelsName })
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        for (c, item) in cases.enumerated() {
            var online = DQNUpdateFixtureTests.network(item.onlineInitial, hidden: 128)
            let target = DQNUpdateFixtureTests.network(item.target, hidden: 128)
            var adam = Adam(parameterCount: online.parameters.count, learningRate: 1e-3, kernels: kernels)
            let loss = try DQNLoss(hidden: 128, kernels: kernels)
            var gradient = [Float](repeating: 0, count: online.parameters.count)
            var values: [Float] = []
            var plain: [Float] = []
            #expect(!item.updates.isEmpty, "case \(c)")
            for (u, update) in item.updates.enumerated() {
                let label = "\(kernels) case \(c) update \(u)"
                loss.doubleTargetValues(
                    online: online, target: target, observations: update.batch.nextObservations, into: &values)
                // With these networks the online network's choice differs from the target's somewhere, so the
                // fixture tells Double DQN from DQN.
                loss.targetValues(target, observations: update.batch.nextObservations, into: &plain)
                #expect(values != plain, "\(label): Double DQN's targets are DQN's")
                let got = loss.evaluate(
                    online: online, oneStep: update.batch, nStep: nil, nextValues: values, gradient: &gradient)
                fixture.expectClose(got.total, update.loss, "\(label) loss")
                var view = QNetwork(hidden: 128)
                view.parameters = gradient
                for (layer, name) in DQNUpdateFixtureTests.layerNames.enumerated() {
                    let expected = update.gradients.layers[layer]
                    #expect(
                        fixture.relativeError(view.weight(layer), expected.weight) < 1e-5, "\(label) d\(name).weight")
                    #expect(fixture.relativeError(view.bias(layer), expected.bias) < 1e-5, "\(label) d\(name).bias")
                }
                adam.update(&online.parameters, gradient: gradient)
                for (layer, name) in DQNUpdateFixtureTests.layerNames.enumerated() {
                    let expected = update.paramsAfter.layers[layer]
                    #expect(
                        fixture.relativeError(online.weight(layer), expected.weight) < 1e-5, "\(label) \(name).weight")
                    #expect(fixture.relativeError(online.bias(layer), expected.bias) < 1e-5, "\(label) \(name).bias")
                }
            }
        }
    }
}
