import Agent
import Foundation
import TestSupport
import Testing

/// The categorical (C51) network against chapter 06 of rainbow-is-all-you-need (`categorical_update.json`):
/// its own agent's Q-values, projected target distributions, cross-entropy loss, gradients and Adam steps,
/// for every case, on every variant of the kernels this processor runs.
@Suite struct CategoricalUpdateFixtureTests {
    struct Update {
        let batch: DQNBatch
        let q, projection: [Float]
        let loss: Float
        let gradients, paramsAfter: [String: [Float]]
    }

    struct Case {
        let support: [Float]
        let online, target: QNetwork
        let updates: [Update]
    }

    static let cases = Result {
        try Fixtures.json("categorical_update.json")["cases"].array.map { item in
            let gamma = try item["gamma"].float
            let support = QNetwork.support(
                atoms: try item["atoms"].int, vMin: try item["v_min"].double, vMax: try item["v_max"].double)
            return Case(
                support: try item["support"].floats,
                online: try ChapterLearner.network(item["online_initial"], support: support),
                target: try ChapterLearner.network(item["target"], support: support),
                updates: try item["updates"].array.map { update in
                    Update(
                        batch: try ChapterLearner.batch(update["batch"], gamma: gamma), q: try update["q"].floats,
                        projection: try update["projection"].floats, loss: try update["loss"].float,
                        gradients: try ChapterLearner.tensors(update["gradients"]),
                        paramsAfter: try ChapterLearner.tensors(update["params_after"]))
                })
        }
    }

    @Test func theSupportIsTorchLinspaces() throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        for item in cases { #expect(item.online.support == item.support) }
        // Halves computed from each end, as torch.linspace does: the last atom is v-max exactly.
        let support = QNetwork.support(atoms: 7, vMin: -1, vMax: 0.1)
        #expect(support.first == -1 && support.last == Float(0.1) && support.count == 7)
    }

    @Test(arguments: Kernels.available.map(\.name))
    func qValuesProjectionsLossGradientsAndAdamStepsMatchTheChapter(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        var (offSteps, weights) = (0, 0)
        for (c, item) in cases.enumerated() {
            var noise: [String: Set<Int>] = [:]
            weights += item.online.parameters.count
            var learner = try ChapterLearner(kernelsName: kernelsName, online: item.online, target: item.target)
            var values: [Float] = []
            for (u, update) in item.updates.enumerated() {
                let label = "\(learner.kernels) case \(c) update \(u)"
                let q = ChapterLearner.qValues(learner.online, of: update.batch)
                #expect(fixture.relativeError(q, update.q) < 1e-5, "\(label) Q-values")
                learner.loss.targetValues(item.target, observations: update.batch.nextObservations, into: &values)
                let got = learner.loss.evaluate(
                    online: learner.online, oneStep: update.batch, nStep: nil, nextValues: values,
                    gradient: &learner.gradient)
                #expect(
                    fixture.relativeError(learner.loss.projections, update.projection) < 1e-5, "\(label) projection")
                fixture.expectClose(got.total, update.loss, "\(label) loss")
                var view = learner.online
                view.parameters = learner.gradient
                #expect(Set(update.gradients.keys) == Set(view.tensors.map(\.name)))
                for tensor in view.tensors {
                    let expected = try #require(update.gradients[tensor.name])
                    #expect(fixture.relativeError(view.values(tensor), expected) < 1e-5, "\(label) d\(tensor.name)")
                }
                learner.adam.update(&learner.online.parameters, gradient: learner.gradient)
                for tensor in learner.online.tensors {
                    offSteps += ChapterLearner.expectStep(
                        learner.online.values(tensor), try #require(update.paramsAfter[tensor.name]),
                        gradient: try #require(update.gradients[tensor.name]), noise: &noise[tensor.name, default: []],
                        "\(label) \(tensor.name)")
                }
            }
        }
        #expect(
            offSteps * 1000 <= weights,
            "\(offSteps) steps of weights whose gradient is within rounding of 0 are off (at most 0.1% may be)")
    }
}
