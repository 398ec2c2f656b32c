import Agent
import Foundation
import TestSupport
import Testing

/// The dueling network against chapter 04 of rainbow-is-all-you-need (`dueling_update.json`): its own
/// agent's Q-values, loss, gradients clipped to norm 10 and Adam steps, for every case, on every variant of
/// the kernels this processor runs; and its networks load ours by name.
@Suite struct DuelingUpdateFixtureTests {
    struct Update {
        let batch: DQNBatch
        let q: [Float]
        let loss: Float
        let clippedGradients, paramsAfter: [String: [Float]]
    }

    struct Case {
        let online, target: QNetwork
        let updates: [Update]
    }

    static let cases = Result {
        try Fixtures.json("dueling_update.json")["cases"].array.map { item in
            let gamma = try item["gamma"].float
            return Case(
                online: try ChapterLearner.network(item["online_initial"], dueling: true),
                target: try ChapterLearner.network(item["target"], dueling: true),
                updates: try item["updates"].array.map { update in
                    Update(
                        batch: try ChapterLearner.batch(update["batch"], gamma: gamma),
                        q: try update["q"].array.flatMap { try $0.floats }, loss: try update["loss"].float,
                        clippedGradients: try ChapterLearner.tensors(update["clipped_gradients"]),
                        paramsAfter: try ChapterLearner.tensors(update["params_after"]))
                })
        }
    }

    @Test(arguments: Kernels.available.map(\.name))
    func qValuesLossClippedGradientsAndAdamStepsMatchTheChapter(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        var clipped = 0
        var cancelledCount = 0
        for (c, item) in cases.enumerated() {
            var learner = try ChapterLearner(kernelsName: kernelsName, online: item.online, target: item.target)
            var values: [Float] = []
            var cancelled: [String: Set<Int>] = [:]
            for (u, update) in item.updates.enumerated() {
                let label = "\(learner.kernels) case \(c) update \(u)"
                let q = ChapterLearner.qValues(learner.online, of: update.batch)
                #expect(fixture.relativeError(q, update.q) < 1e-5, "\(label) Q-values")
                learner.loss.targetValues(learner.target, observations: update.batch.nextObservations, into: &values)
                let got = learner.loss.evaluate(
                    online: learner.online, oneStep: update.batch, nStep: nil, nextValues: values,
                    gradient: &learner.gradient)
                fixture.expectClose(got.total, update.loss, "\(label) loss")
                let norm = GradientClipping.clip(&learner.gradient, maxNorm: 10)
                if norm > 10 { clipped += 1 }
                var view = learner.online
                view.parameters = learner.gradient
                for tensor in view.tensors {
                    let expected = try #require(update.clippedGradients[tensor.name])
                    let ours = view.values(tensor)
                    #expect(fixture.relativeError(ours, expected) < 1e-5, "\(label) d\(tensor.name)")
                    // The two actions' advantages get gradients of opposite signs, which can cancel exactly in
                    // PyTorch's sum over the batch and leave a rounding residue in ours (another order of
                    // addition); Adam turns a residue r into a step of lr · r / (r + 1e-8).
                    for i in ours.indices where expected[i] == 0 && ours[i] != 0 {
                        #expect(abs(ours[i]) < 1e-9, "\(label) d\(tensor.name)[\(i)] is \(ours[i]), PyTorch's 0")
                        cancelled[tensor.name, default: []].insert(i)
                    }
                }
                learner.adam.update(&learner.online.parameters, gradient: learner.gradient)
                for tensor in learner.online.tensors {
                    let expected = try #require(update.paramsAfter[tensor.name])
                    let ours = learner.online.values(tensor)
                    let residues = cancelled[tensor.name] ?? []
                    let others = ours.indices.filter { !residues.contains($0) }
                    #expect(
                        fixture.relativeError(others.map { ours[$0] }, others.map { expected[$0] }) < 1e-5,
                        "\(label) \(tensor.name)")
                    for i in residues {
                        #expect(abs(ours[i] - expected[i]) < 1e-4, "\(label) \(tensor.name)[\(i)] after a residue")
                    }
                }
            }
            cancelledCount += cancelled.values.map(\.count).reduce(0, +)
        }
        #expect(clipped > 0, "some update's gradient is clipped")
        #expect(
            cancelledCount <= 8, "\(cancelledCount) gradients cancelled exactly in PyTorch and left a residue in ours")
    }
}
