import Agent
import Foundation
import Testing
import TestSupport

/// The combined loss, its gradients and three Adam steps against PyTorch, for every case of the fixture
/// (hidden sizes, and the agent's own path where the n-step batch shares the 1-step batch's start states),
/// on every variant of the kernels this processor runs: the portable one and the fast ones alike.
@Suite struct DQNUpdateFixtureTests {
    static let layerNames = ["l1", "l2", "l3"]

    func network(_ json: JSON, hidden: Int) throws -> QNetwork {
        var network = QNetwork(hidden: hidden)
        for (layer, name) in Self.layerNames.enumerated() {
            network.setWeight(layer, try json[name]["weight"].floats)
            network.setBias(layer, try json[name]["bias"].floats)
        }
        return network
    }

    func batch(_ json: JSON) throws -> DQNBatch {
        DQNBatch(observations: try json["obs"].floats, actions: try json["action"].ints,
                 rewards: try json["reward"].floats, nextObservations: try json["next_obs"].floats,
                 discounts: try json["discount"].floats, terminated: try json["done"].floats)
    }

    /// Largest |got − expected| relative to the tensor's largest magnitude.
    func relativeError(_ got: [Float], _ expected: [Float]) -> Float {
        precondition(got.count == expected.count, "tensor sizes differ: \(got.count) and \(expected.count)")
        let scale = max(expected.map(abs).max() ?? 0, 1e-12)
        return (zip(got, expected).map { abs($0 - $1) }.max() ?? 0) / scale
    }

    func expectClose(_ got: Float, _ expected: Float, _ what: String) {
        #expect(abs(got - expected) <= 1e-5 * abs(expected), "\(what): \(got), PyTorch \(expected)")
    }

    @Test(arguments: Kernels.available.map(\.name))
    func lossGradientsAndAdamStepsMatchPyTorchInEveryCase(kernelsName: String) throws {
        let kernels = try #require(Kernels.available.first { $0.name == kernelsName })
        let cases = try Fixtures.json("dqn_update.json")["cases"].array
        #expect(!cases.isEmpty)
        for (c, item) in cases.enumerated() {
            let hidden = try item["hidden"].int
            let sharedStart = try item["shared_start"].bool
            var online = try network(item["online_initial"], hidden: hidden)
            let target = try network(item["target"], hidden: hidden)
            var adam = Adam(parameterCount: online.parameters.count, learningRate: try item["lr"].double, kernels: kernels)
            let loss = try DQNLoss(hidden: hidden, kernels: kernels)
            var gradient = [Float](repeating: 0, count: online.parameters.count)
            let updates = try item["updates"].array
            #expect(!updates.isEmpty, "case \(c)")
            for (u, update) in updates.enumerated() {
                let label = "\(kernels) case \(c) (hidden \(hidden), shared start \(sharedStart)) update \(u)"
                let oneStep = try batch(update["one_step_batch"]), nStep = try batch(update["n_step_batch"])
                // The fixture's flag and the batches agree, so the shared path is the one taken when it says so.
                #expect(oneStep.sharesStart(with: nStep) == sharedStart, "\(label): shared start")
                let values = loss.evaluate(online: online, target: target, oneStep: oneStep, nStep: nStep, gradient: &gradient)
                expectClose(values.oneStep, try update["loss_one_step"].float, "\(label) 1-step loss")
                expectClose(try #require(values.nStep), try update["loss_n_step"].float, "\(label) n-step loss")
                expectClose(values.total, try update["loss"].float, "\(label) loss")
                var view = QNetwork(hidden: hidden)
                view.parameters = gradient
                for (layer, name) in Self.layerNames.enumerated() {
                    let expected = try update["gradients"][name]
                    #expect(relativeError(view.weight(layer), try expected["weight"].floats) < 1e-5, "\(label) d\(name).weight")
                    #expect(relativeError(view.bias(layer), try expected["bias"].floats) < 1e-5, "\(label) d\(name).bias")
                }
                adam.update(&online.parameters, gradient: gradient)
                for (layer, name) in Self.layerNames.enumerated() {
                    let expected = try update["params_after"][name]
                    #expect(relativeError(online.weight(layer), try expected["weight"].floats) < 1e-5, "\(label) \(name).weight")
                    #expect(relativeError(online.bias(layer), try expected["bias"].floats) < 1e-5, "\(label) \(name).bias")
                }
            }
        }
    }
}
