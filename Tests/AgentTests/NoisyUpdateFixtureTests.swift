import Agent
import Foundation
import TestSupport
import Testing

/// The noisy network against chapter 05 of rainbow-is-all-you-need (`noisy_update.json`): its own agent's
/// loss, gradients of every mean and σ, and Adam steps, given the same noise, for every case, on every
/// variant of the kernels this processor runs; the target computes with the means alone, as the chapter's
/// in eval mode does.
@Suite struct NoisyUpdateFixtureTests {
    struct Update {
        let noise: [String: [Float]]
        let batch: DQNBatch
        let loss: Float
        let gradients, paramsAfter: [String: [Float]]
    }

    struct Case {
        let online, target: QNetwork
        let updates: [Update]
    }

    static let cases = Result {
        try Fixtures.json("noisy_update.json")["cases"].array.map { item in
            let gamma = try item["gamma"].float
            return Case(
                online: try ChapterLearner.network(item["online_initial"], noisy: true),
                target: try ChapterLearner.network(item["target"], noisy: true),
                updates: try item["updates"].array.map { update in
                    Update(
                        noise: try ChapterLearner.tensors(update["noise"]),
                        batch: try ChapterLearner.batch(update["batch"], gamma: gamma), loss: try update["loss"].float,
                        gradients: try ChapterLearner.tensors(update["gradients"]),
                        paramsAfter: try ChapterLearner.tensors(update["params_after"]))
                })
        }
    }

    @Test(arguments: Kernels.available.map(\.name))
    func lossGradientsAndAdamStepsMatchTheChapterGivenItsNoise(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        for (c, item) in cases.enumerated() {
            let kernels = try #require(Kernels.available.first { $0.name == kernelsName })
            var online = item.online
            var adam = Adam(parameterCount: online.parameters.count, learningRate: 1e-3, kernels: kernels)
            let loss = try DQNLoss(hidden: 128, kernels: kernels)
            var plainGradient = [Float](repeating: 0, count: online.sigmaOffset)
            var gradient = [Float](repeating: 0, count: online.parameters.count)
            var values: [Float] = []
            for (u, update) in item.updates.enumerated() {
                let label = "\(kernels) case \(c) update \(u)"
                for tensor in online.tensors where tensor.name.contains("epsilon") {
                    online.set(tensor, try #require(update.noise[tensor.name]))
                }
                loss.targetValues(item.target, observations: update.batch.nextObservations, into: &values)
                let got = loss.evaluate(
                    online: online.withNoise, oneStep: update.batch, nStep: nil, nextValues: values,
                    gradient: &plainGradient)
                fixture.expectClose(got.total, update.loss, "\(label) loss")
                online.noisyGradient(from: plainGradient, into: &gradient)
                var view = online
                view.parameters = gradient
                let parameters = online.tensors.filter { !$0.name.contains("epsilon") }
                #expect(parameters.count == 10 && Set(update.gradients.keys) == Set(parameters.map(\.name)))
                for tensor in parameters {
                    let expected = try #require(update.gradients[tensor.name])
                    #expect(fixture.relativeError(view.values(tensor), expected) < 1e-5, "\(label) d\(tensor.name)")
                }
                adam.update(&online.parameters, gradient: gradient)
                for tensor in parameters {
                    let expected = try #require(update.paramsAfter[tensor.name])
                    #expect(fixture.relativeError(online.values(tensor), expected) < 1e-5, "\(label) \(tensor.name)")
                }
            }
        }
    }
}
