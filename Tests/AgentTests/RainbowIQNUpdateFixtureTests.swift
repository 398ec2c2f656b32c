import Agent
import Foundation
import TestSupport
import Testing

/// The implicit quantile network and its update against chapter 09 of rainbow-is-all-you-need
/// (`rainbow_iqn_update.json`): its own agent's noisy dueling IQN given the same noise and fractions, its
/// quantiles, Double DQN's next actions by the noisy online network's mean over its fractions, the 1-step
/// and 3-step quantile Huber losses, gradients clipped at norm 10, Adam steps and new priorities, for every
/// case, on every variant of the kernels this processor runs.
@Suite struct RainbowIQNUpdateFixtureTests {
    struct Update {
        let noise: [String: [Float]]
        let oneStep, nStep: DQNBatch
        let fractions: [[Float]]
        let weights, midpointQuantiles, priorities: [Float]
        let loss, clippedNorm: Float
        let gradients, paramsAfter: [String: [Float]]
    }

    struct Case {
        let online, target: QNetwork
        let priorEps: Float
        let fractions: DQNLoss.Fractions
        let updates: [Update]
    }

    static let cases = Result {
        try Fixtures.json("rainbow_iqn_update.json")["cases"].array.map { item in
            let gamma = try item["gamma"].double
            let steps = try item["n_step"].int
            let shape = QNetwork(
                hidden: 128, dueling: true, noisy: true, embedding: try item["embedding"].int,
                quantiles: try item["quantile_samples"].int)
            func network(_ json: JSON) throws -> QNetwork {
                var network = shape
                let names = Set(try json.keys)
                let expected = network.tensors.filter { $0.storage != .noise }
                #expect(names == Set(expected.map(\.name)), "the chapter's state_dict names are ours")
                for tensor in expected { network.set(tensor, try json[tensor.name].floats) }
                return network
            }
            return Case(
                online: try network(item["online_initial"]), target: try network(item["target"]),
                priorEps: try item["prior_eps"].float,
                fractions: DQNLoss.Fractions(
                    online: try item["tau_samples"].int, target: try item["tau_prime_samples"].int,
                    acting: try item["quantile_samples"].int, kappa: try item["kappa"].float),
                updates: try item["updates"].array.map { update in
                    Update(
                        noise: try ChapterLearner.tensors(update["noise"]),
                        oneStep: try ChapterLearner.batch(update["batch"], gamma: Float(gamma)),
                        nStep: try ChapterLearner.batch(
                            update["n_step_batch"], gamma: Float(CorrectlyRounded.power(gamma, steps))),
                        fractions: try update["fractions"].array.map { try $0.floats },
                        weights: try update["batch"]["weights"].floats,
                        midpointQuantiles: try update["midpoint_quantiles"].floats,
                        priorities: try update["priorities"].floats, loss: try update["loss"].float,
                        clippedNorm: try update["clipped_norm"].float,
                        gradients: try ChapterLearner.tensors(update["clipped_gradients"]),
                        paramsAfter: try ChapterLearner.tensors(update["params_after"]))
                })
        }
    }

    @Test func theNetworkHasTheChaptersTensors() throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let network = try #require(cases.first).online
        #expect(network.tensors.count == 2 + 4 * 6 + 3, "a feature layer, four noisy layers, the embedding, i_pi")
        #expect(network.noisyLayers.count == 4 && network.quantile && network.embedding == 64)
        #expect(network.frequencies == QNetwork.frequencies(64), "i_pi is pi * i in float32, as PyTorch computes it")
    }

    @Test(arguments: Kernels.available.map(\.name))
    func quantilesLossClippedGradientsAdamStepsAndPrioritiesMatchTheChapter(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        var (clipped, offSteps, weights) = (0, 0, 0)
        for (c, item) in cases.enumerated() {
            var noise: [String: Set<Int>] = [:]
            weights += item.online.parameters.count
            var learner = try ChapterLearner(
                kernelsName: kernelsName, online: item.online, target: item.target, fractions: item.fractions)
            var noisyGradient = [Float](repeating: 0, count: item.online.sigmaOffset)
            var values: [Float] = []
            for (u, update) in item.updates.enumerated() {
                let label = "\(learner.kernels) case \(c) update \(u)"
                for tensor in learner.online.tensors where tensor.storage == .noise {
                    learner.online.set(tensor, try #require(update.noise[tensor.name]))
                }
                let noisy = learner.online.withNoise
                let rows = update.oneStep.rows
                let midpoints = (0..<rows).flatMap { _ in QNetwork.midpoints(item.fractions.acting) }
                let quantiles = noisy.quantileValues(
                    observations: update.oneStep.observations, taus: midpoints, kernels: learner.kernels)
                #expect(fixture.relativeError(quantiles, update.midpointQuantiles) < 1e-5, "\(label) quantiles")
                // The chapter's draws: per batch, the online, target and acting fractions.
                #expect(update.fractions.count == 6)
                learner.loss.setFractions(
                    online: update.fractions[0] + update.fractions[3],
                    target: update.fractions[1] + update.fractions[4],
                    acting: update.fractions[2] + update.fractions[5])
                learner.loss.doubleTargetValues(
                    online: noisy, target: item.target,
                    observations: update.oneStep.nextObservations + update.nStep.nextObservations, into: &values)
                let got = learner.loss.evaluate(
                    online: noisy, oneStep: update.oneStep, nStep: update.nStep, nextValues: values,
                    weights: update.weights, gradient: &noisyGradient)
                fixture.expectClose(got.total, update.loss, "\(label) loss")
                let priorities = learner.loss.rowLosses.map { $0 + item.priorEps }
                #expect(fixture.relativeError(priorities, update.priorities) < 1e-5, "\(label) priorities")
                let step = try learner.expectClippedNoisyStep(
                    noisyGradient, gradients: update.gradients, paramsAfter: update.paramsAfter, noise: &noise, label)
                if step.clipped { clipped += 1 }
                offSteps += step.offSteps
            }
        }
        #expect(clipped > 0, "some update's gradient is clipped")
        #expect(
            offSteps * 1000 <= weights,
            "\(offSteps) steps of weights whose gradient is within rounding of 0 are off (at most 0.1% may be)")
    }
}
