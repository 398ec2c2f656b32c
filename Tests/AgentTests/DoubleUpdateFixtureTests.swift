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
                    Update(
                        batch: try ChapterLearner.batch(update["batch"], gamma: gamma),
                        loss: try update["loss"].float, gradients: try Layers(update["gradients"]),
                        paramsAfter: try Layers(update["params_after"]))
                })
        }
    }

    @Test(arguments: Kernels.available.map(\.name))
    func lossGradientsAndAdamStepsMatchTheChapter(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        for (c, item) in cases.enumerated() {
            var learner = try ChapterLearner(kernelsName: kernelsName, online: item.onlineInitial, target: item.target)
            var values: [Float] = []
            var plain: [Float] = []
            #expect(!item.updates.isEmpty, "case \(c)")
            for (u, update) in item.updates.enumerated() {
                let label = "\(learner.kernels) case \(c) update \(u)"
                learner.loss.doubleTargetValues(
                    online: learner.online, target: learner.target, observations: update.batch.nextObservations,
                    into: &values)
                // With these networks the online network's choice differs from the target's somewhere, so the
                // fixture tells Double DQN from DQN.
                learner.loss.targetValues(learner.target, observations: update.batch.nextObservations, into: &plain)
                #expect(values != plain, "\(label): Double DQN's targets are DQN's")
                let got = learner.loss.evaluate(
                    online: learner.online, oneStep: update.batch, nStep: nil, nextValues: values,
                    gradient: &learner.gradient)
                fixture.expectClose(got.total, update.loss, "\(label) loss")
                learner.expectGradient(update.gradients, label)
                learner.adam.update(&learner.online.parameters, gradient: learner.gradient)
                learner.expectWeights(update.paramsAfter, label)
            }
        }
    }
}
