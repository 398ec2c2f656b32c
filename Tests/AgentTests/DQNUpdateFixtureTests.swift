import Agent
import Foundation
import TestSupport
import Testing

/// The combined loss, its gradients and three Adam steps against PyTorch, for every case of the fixture
/// (hidden sizes, and the agent's own path where the n-step batch shares the 1-step batch's start states),
/// on every variant of the kernels this processor runs: the portable one and the fast ones alike.
@Suite struct DQNUpdateFixtureTests {
    static let layerNames = ["l1", "l2", "l3"]

    /// One layer's weight and bias as the fixture gives them.
    struct Layer { let weight, bias: [Float] }

    /// A network's three layers.
    struct Layers {
        let layers: [Layer]
        init(_ json: JSON) throws {
            layers = try DQNUpdateFixtureTests.layerNames.map {
                Layer(weight: try json[$0]["weight"].floats, bias: try json[$0]["bias"].floats)
            }
        }
    }

    struct Update {
        let oneStep, nStep: DQNBatch
        let lossOneStep, lossNStep, loss: Float
        let gradients, paramsAfter: Layers
    }

    struct Case {
        let hidden: Int
        let sharedStart: Bool
        let lr: Double
        let onlineInitial, target: Layers
        let updates: [Update]
    }

    /// The fixture's cases, decoded once into floats for every kernel variant (the file is megabytes of JSON).
    static let cases = Result {
        try Fixtures.json("dqn_update.json")["cases"].array.map { item in
            Case(
                hidden: try item["hidden"].int, sharedStart: try item["shared_start"].bool, lr: try item["lr"].double,
                onlineInitial: try Layers(item["online_initial"]), target: try Layers(item["target"]),
                updates: try item["updates"].array.map { update in
                    Update(
                        oneStep: try batch(update["one_step_batch"]), nStep: try batch(update["n_step_batch"]),
                        lossOneStep: try update["loss_one_step"].float, lossNStep: try update["loss_n_step"].float,
                        loss: try update["loss"].float, gradients: try Layers(update["gradients"]),
                        paramsAfter: try Layers(update["params_after"]))
                })
        }
    }

    static func network(_ layers: Layers, hidden: Int) -> QNetwork {
        var network = QNetwork(hidden: hidden)
        for (index, layer) in layers.layers.enumerated() {
            network.setWeight(index, layer.weight)
            network.setBias(index, layer.bias)
        }
        return network
    }

    static func batch(_ json: JSON) throws -> DQNBatch {
        DQNBatch(
            observations: try json["obs"].floats, actions: try json["action"].ints,
            rewards: try json["reward"].floats, nextObservations: try json["next_obs"].floats,
            discounts: try json["discount"].floats, masks: try json["done"].floats)
    }

    /// Largest |got − expected| relative to the tensor's largest magnitude.
    func relativeError(_ got: [Float], _ expected: [Float]) -> Float {
        precondition(got.count == expected.count, "tensor sizes differ: \(got.count) and \(expected.count)")
        let scale = max(expected.map(abs).max() ?? 0, 1e-12)
        return (zip(got, expected).map { abs($0 - $1) }.max() ?? 0) / scale
    }

    /// Holds each layer's weight and bias to `expected` (1e-5 relative).
    func expectLayers(_ network: QNetwork, _ expected: Layers, _ label: String) {
        for (layer, name) in Self.layerNames.enumerated() {
            let want = expected.layers[layer]
            #expect(relativeError(network.weight(layer), want.weight) < 1e-5, "\(label) \(name).weight")
            #expect(relativeError(network.bias(layer), want.bias) < 1e-5, "\(label) \(name).bias")
        }
    }

    func expectClose(_ got: Float, _ expected: Float, _ what: String) {
        #expect(abs(got - expected) <= 1e-5 * abs(expected), "\(what): \(got), PyTorch \(expected)")
    }

    @Test(arguments: Kernels.available.map(\.name))
    func lossGradientsAndAdamStepsMatchPyTorchInEveryCase(kernelsName: String) throws {
        let kernels = try #require(Kernels.available.first { $0.name == kernelsName })
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        for (c, item) in cases.enumerated() {
            let hidden = item.hidden
            var online = Self.network(item.onlineInitial, hidden: hidden)
            let target = Self.network(item.target, hidden: hidden)
            var adam = Adam(parameterCount: online.parameters.count, learningRate: item.lr, kernels: kernels)
            let loss = try DQNLoss(hidden: hidden, kernels: kernels)
            var gradient = [Float](repeating: 0, count: online.parameters.count)
            #expect(!item.updates.isEmpty, "case \(c)")
            for (u, update) in item.updates.enumerated() {
                let label = "\(kernels) case \(c) (hidden \(hidden), shared start \(item.sharedStart)) update \(u)"
                // The fixture's flag and the batches agree, so the shared path is the one taken when it says so.
                #expect(update.oneStep.sharesStart(with: update.nStep) == item.sharedStart, "\(label): shared start")
                let values = loss.evaluate(
                    online: online, target: target, oneStep: update.oneStep, nStep: update.nStep, gradient: &gradient)
                expectClose(values.oneStep, update.lossOneStep, "\(label) 1-step loss")
                expectClose(try #require(values.nStep), update.lossNStep, "\(label) n-step loss")
                expectClose(values.total, update.loss, "\(label) loss")
                var view = QNetwork(hidden: hidden)
                view.parameters = gradient
                for (layer, name) in Self.layerNames.enumerated() {
                    let expected = update.gradients.layers[layer]
                    #expect(relativeError(view.weight(layer), expected.weight) < 1e-5, "\(label) d\(name).weight")
                    #expect(relativeError(view.bias(layer), expected.bias) < 1e-5, "\(label) d\(name).bias")
                }
                adam.update(&online.parameters, gradient: gradient)
                for (layer, name) in Self.layerNames.enumerated() {
                    let expected = update.paramsAfter.layers[layer]
                    #expect(relativeError(online.weight(layer), expected.weight) < 1e-5, "\(label) \(name).weight")
                    #expect(relativeError(online.bias(layer), expected.bias) < 1e-5, "\(label) \(name).bias")
                }
            }
        }
    }
}
