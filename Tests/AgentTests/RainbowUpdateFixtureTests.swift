import Agent
import Foundation
import TestSupport
import Testing

/// The rainbow network and update against chapter 08 of rainbow-is-all-you-need (`rainbow_update.json`): its
/// own agent's noisy dueling categorical network given the same noise, Double DQN's next actions by the noisy
/// online network, the 1-step and 3-step projected distributions, the importance-weighted loss, gradients
/// clipped at norm 10, Adam steps and new priorities, for every case, on every variant of the kernels this
/// processor runs.
@Suite struct RainbowUpdateFixtureTests {
    struct Update {
        let noise: [String: [Float]]
        let oneStep, nStep: DQNBatch
        let weights, q, projections, priorities: [Float]
        let loss, clippedNorm: Float
        let gradients, paramsAfter: [String: [Float]]
    }

    struct Case {
        let online, target: QNetwork
        let priorEps: Float
        let updates: [Update]
    }

    static let cases = Result {
        try Fixtures.json("rainbow_update.json")["cases"].array.map { item in
            let gamma = try item["gamma"].double
            let steps = try item["n_step"].int
            let support = QNetwork.support(
                atoms: try item["atoms"].int, vMin: try item["v_min"].double, vMax: try item["v_max"].double)
            func network(_ json: JSON) throws -> QNetwork {
                try ChapterLearner.network(json, dueling: true, noisy: true, support: support)
            }
            return Case(
                online: try network(item["online_initial"]), target: try network(item["target"]),
                priorEps: try item["prior_eps"].float,
                updates: try item["updates"].array.map { update in
                    Update(
                        noise: try ChapterLearner.tensors(update["noise"]),
                        oneStep: try ChapterLearner.batch(update["batch"], gamma: Float(gamma)),
                        nStep: try ChapterLearner.batch(
                            update["n_step_batch"], gamma: Float(CorrectlyRounded.power(gamma, steps))),
                        weights: try update["batch"]["weights"].floats, q: try update["q"].floats,
                        projections: try update["projections"].floats, priorities: try update["priorities"].floats,
                        loss: try update["loss"].float, clippedNorm: try update["clipped_norm"].float,
                        gradients: try ChapterLearner.tensors(update["clipped_gradients"]),
                        paramsAfter: try ChapterLearner.tensors(update["params_after"]))
                })
        }
    }

    @Test func theNetworkHasTheChaptersTensors() throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let network = try #require(cases.first).online
        #expect(network.tensors.count == 2 + 4 * 6, "a feature layer, then four noisy layers of six tensors")
        #expect(network.noisyLayers.count == 4 && network.atoms == 51)
    }

    @Test(arguments: Kernels.available.map(\.name))
    func lossClippedGradientsAdamStepsAndPrioritiesMatchTheChapter(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        var (clipped, offSteps, weights) = (0, 0, 0)
        for (c, item) in cases.enumerated() {
            var noise: [String: Set<Int>] = [:]
            weights += item.online.parameters.count
            var learner = try ChapterLearner(kernelsName: kernelsName, online: item.online, target: item.target)
            var noisyGradient = [Float](repeating: 0, count: item.online.sigmaOffset)
            var values: [Float] = []
            for (u, update) in item.updates.enumerated() {
                let label = "\(learner.kernels) case \(c) update \(u)"
                for tensor in learner.online.tensors where tensor.buffer {
                    learner.online.set(tensor, try #require(update.noise[tensor.name]))
                }
                let noisy = learner.online.withNoise
                let q = ChapterLearner.qValues(noisy, of: update.oneStep)
                #expect(fixture.relativeError(q, update.q) < 1e-5, "\(label) Q-values")
                learner.loss.doubleTargetValues(
                    online: noisy, target: item.target,
                    observations: update.oneStep.nextObservations + update.nStep.nextObservations, into: &values)
                let got = learner.loss.evaluate(
                    online: noisy, oneStep: update.oneStep, nStep: update.nStep, nextValues: values,
                    weights: update.weights, gradient: &noisyGradient)
                #expect(
                    fixture.relativeError(learner.loss.projections, update.projections) < 1e-5, "\(label) projections")
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
