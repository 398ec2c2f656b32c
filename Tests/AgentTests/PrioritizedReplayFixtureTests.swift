import Agent
import Foundation
import TestSupport
import Testing

/// Prioritized replay against chapter 03 of rainbow-is-all-you-need (`per_update.json`): its own buffer and
/// agent stored transitions and made updates, drawing from a fixed stream of uniforms; ours, given the same
/// transitions and uniforms, draws the same slots with the same importance weights, gives the same loss,
/// gradients, Adam steps and priorities, for every case, on every variant of the kernels this processor runs.
@Suite struct PrioritizedReplayFixtureTests {
    typealias Layers = DQNUpdateFixtureTests.Layers

    struct Update {
        let beta: Double
        let uniforms: [Double]
        let indices: [Int]
        let weights: [Float]
        let loss: Float
        let priorities: [Float]
        let maxPriority: Float
        let gradients, paramsAfter: Layers?
    }

    enum Event {
        case store(Transition)
        case update(Update)
    }

    struct Case {
        let gamma: Double
        let memorySize, batchSize: Int
        let alpha, priorEps: Double
        let onlineInitial, target: Layers
        let events: [Event]
    }

    static let cases = Result {
        try Fixtures.json("per_update.json")["cases"].array.map { item in
            Case(
                gamma: try item["gamma"].double, memorySize: try item["memory_size"].int,
                batchSize: try item["batch_size"].int, alpha: try item["alpha"].double,
                priorEps: try item["prior_eps"].double, onlineInitial: try Layers(item["online_initial"]),
                target: try Layers(item["target"]),
                events: try item["events"].array.map { event in
                    if let stored = try event.optional("store") {
                        return .store(
                            Transition(
                                observation: Observation(try stored["obs"].floats),
                                action: try stored["act"].int, reward: try stored["rew"].float,
                                nextObservation: Observation(try stored["next_obs"].floats),
                                masksBootstrap: try stored["terminated"].bool))
                    }
                    let update = try event["update"]
                    return .update(
                        Update(
                            beta: try update["beta"].double, uniforms: try update["uniforms"].doubles,
                            indices: try update["indices"].ints, weights: try update["weights"].floats,
                            loss: try update["loss"].float, priorities: try update["priorities"].floats,
                            maxPriority: try update["max_priority"].float,
                            gradients: try update.optional("gradients").map { try Layers($0) },
                            paramsAfter: try update.optional("params_after").map { try Layers($0) }))
                })
        }
    }

    @Test(arguments: Kernels.available.map(\.name))
    func samplingWeightsUpdatesAndPrioritiesMatchTheChapter(kernelsName: String) throws {
        let cases = try Self.cases.get()
        #expect(!cases.isEmpty)
        let fixture = DQNUpdateFixtureTests()
        for (c, item) in cases.enumerated() {
            var learner = try ChapterLearner(kernelsName: kernelsName, online: item.onlineInitial, target: item.target)
            var memory = ReplayMemory(capacity: item.memorySize, gamma: item.gamma)
            var priorities = PrioritizedReplay(capacity: item.memorySize, alpha: item.alpha)
            var batch = DQNBatch()
            var values: [Float] = []
            var checkedNetworks = 0
            for (e, event) in item.events.enumerated() {
                let label = "\(learner.kernels) case \(c) event \(e)"
                switch event {
                case .store(let transition):
                    let slot = memory.position
                    memory.store(transition)
                    priorities.stored(at: slot)
                case .update(let update):
                    var uniforms = update.uniforms.makeIterator()
                    let (indices, weights) = priorities.sample(
                        count: memory.count, batch: item.batchSize, beta: update.beta,
                        uniform: { uniforms.next() ?? .nan })
                    #expect(indices == update.indices, "\(label) drawn slots")
                    #expect(fixture.relativeError(weights, update.weights) < 1e-6, "\(label) weights")
                    // Go on from the chapter's slots, so that one difference is reported once.
                    memory.gather(update.indices, into: &batch)
                    learner.loss.targetValues(learner.target, observations: batch.nextObservations, into: &values)
                    let got = learner.loss.evaluate(
                        online: learner.online, oneStep: batch, nStep: nil, nextValues: values,
                        weights: update.weights, gradient: &learner.gradient)
                    fixture.expectClose(got.total, update.loss, "\(label) loss")
                    learner.adam.update(&learner.online.parameters, gradient: learner.gradient)
                    let epsilon = Float(item.priorEps)
                    priorities.update(update.indices, priorities: learner.loss.rowLosses.map { $0 + epsilon })
                    let leaves = (0..<memory.count).map { priorities.leaf($0) }
                    #expect(fixture.relativeError(leaves, update.priorities) < 1e-5, "\(label) priorities")
                    #expect(abs(priorities.maxPriority - update.maxPriority) <= 1e-5 * update.maxPriority)
                    if let expected = update.gradients {
                        learner.expectGradient(expected, label)
                        checkedNetworks += 1
                    }
                    if let expected = update.paramsAfter { learner.expectWeights(expected, label) }
                }
            }
            #expect(checkedNetworks >= 2, "case \(c) checks gradients at two updates or more")
        }
    }
}
