import Agent
import Foundation
import Testing
import TestSupport

/// The combined loss, its gradients and three Adam steps against PyTorch, for hidden sizes 16 and 128.
@Suite struct DQNUpdateFixtureTests {
    static let layerNames = ["l1", "l2", "l3"]

    func network(_ json: JSON, hidden: Int) -> QNetwork {
        var network = QNetwork(hidden: hidden)
        for (layer, name) in Self.layerNames.enumerated() {
            network.setWeight(layer, json[name]["weight"].floats)
            network.setBias(layer, json[name]["bias"].floats)
        }
        return network
    }

    func batch(_ json: JSON) -> DQNBatch {
        DQNBatch(observations: json["obs"].floats, actions: json["action"].array.map(\.int),
                 rewards: json["reward"].floats, nextObservations: json["next_obs"].floats,
                 discounts: json["discount"].floats, terminated: json["done"].floats)
    }

    /// Largest |got − expected| relative to the tensor's largest magnitude.
    func relativeError(_ got: [Float], _ expected: [Float]) -> Float {
        let scale = max(expected.map(abs).max() ?? 0, 1e-12)
        return zip(got, expected).map { abs($0 - $1) }.max()! / scale
    }

    @Test(arguments: [0, 1])
    func lossGradientsAndAdamStepsMatchPyTorch(caseIndex: Int) throws {
        let item = try Fixtures.json("dqn_update.json")["cases"][caseIndex]
        let hidden = item["hidden"].int
        var online = network(item["online_initial"], hidden: hidden)
        let target = network(item["target"], hidden: hidden)
        var adam = Adam(parameterCount: online.parameters.count, learningRate: item["lr"].double)
        let loss = DQNLoss(hidden: hidden)
        var gradient = [Float](repeating: 0, count: online.parameters.count)
        let updates = item["updates"].array
        #expect(updates.count == 3)
        for (u, update) in updates.enumerated() {
            let values = loss.evaluate(online: online, target: target, oneStep: batch(update["one_step_batch"]),
                                       nStep: batch(update["n_step_batch"]), gradient: &gradient)
            #expect(abs(values.oneStep - update["loss_one_step"].float) <= 1e-5 * abs(update["loss_one_step"].float))
            #expect(abs(values.nStep! - update["loss_n_step"].float) <= 1e-5 * abs(update["loss_n_step"].float))
            #expect(abs(values.total - update["loss"].float) <= 1e-5 * abs(update["loss"].float))
            var view = QNetwork(hidden: hidden)
            view.parameters = gradient
            for (layer, name) in Self.layerNames.enumerated() {
                let expected = update["gradients"][name]
                #expect(relativeError(view.weight(layer), expected["weight"].floats) < 1e-5, "update \(u) d\(name).weight")
                #expect(relativeError(view.bias(layer), expected["bias"].floats) < 1e-5, "update \(u) d\(name).bias")
            }
            adam.update(&online.parameters, gradient: gradient)
            for (layer, name) in Self.layerNames.enumerated() {
                let expected = update["params_after"][name]
                #expect(relativeError(online.weight(layer), expected["weight"].floats) < 1e-5, "update \(u) \(name).weight")
                #expect(relativeError(online.bias(layer), expected["bias"].floats) < 1e-5, "update \(u) \(name).bias")
            }
        }
    }
}
