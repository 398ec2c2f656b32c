import Agent
import Foundation
import TestSupport
import Testing

@Suite struct NStepFixtureTests {
    /// Both time-limit semantics on every fixture window. The fixture describes `bootstrap` (Gymnasium's);
    /// `terminal` (the notebook's) sums the same rewards and agrees wherever no truncation ends the sum,
    /// and masks bootstrapping where one does.
    @Test(arguments: TimeLimit.allCases)
    func everyFixtureWindowGivesTheNStepReturn(_ timeLimit: TimeLimit) throws {
        let cases = try Fixtures.json("nstep.json")["cases"].array
        #expect(!cases.isEmpty)
        var truncatedWindows = 0
        for (c, item) in cases.enumerated() {
            let steps = try item["window"].array
            let window = try steps.map { step in
                let terminated = try step["terminated"].bool
                let truncated = try step["truncated"].bool
                return Transition(
                    observation: Observation(), action: 0, reward: try step["reward"].float,
                    nextObservation: Observation(try step["next_obs"].floats),
                    masksBootstrap: timeLimit.masksBootstrap(terminated: terminated, truncated: truncated),
                    done: terminated || truncated)
            }
            let expected = try item["expected"]
            let result = NStepWindow.nStepTransition(window, gamma: try item["gamma"].double)
            let reward = try expected["reward"].double
            let summed = try expected["steps"].int
            #expect(abs(Double(result.reward) - reward) <= 1e-6 * max(1, abs(reward)), "case \(c) reward")
            #expect(result.reward == Float(reward), "case \(c) reward as float32")
            #expect(result.nextObservation == Observation(try expected["next_obs"].floats), "case \(c) next_obs")
            #expect(result.steps == summed, "case \(c) steps")
            let endedByTruncation = try steps[summed - 1]["truncated"].bool && !(steps[summed - 1]["terminated"].bool)
            if endedByTruncation { truncatedWindows += 1 }
            let masked = try expected["terminated"].bool || (timeLimit == .terminal && endedByTruncation)
            #expect(result.masksBootstrap == masked, "case \(c) terminated")
        }
        #expect(truncatedWindows > 0, "the fixture has windows cut short by the time limit")
    }

    @Test func theTimeLimitMasksBootstrappingOnlyInTerminalSemantics() {
        #expect(TimeLimit.terminal.masksBootstrap(terminated: false, truncated: true))
        #expect(!TimeLimit.bootstrap.masksBootstrap(terminated: false, truncated: true))
        for semantics in TimeLimit.allCases {
            #expect(semantics.masksBootstrap(terminated: true, truncated: false))
            #expect(!semantics.masksBootstrap(terminated: false, truncated: false))
        }
        #expect(TrainingConfiguration().timeLimit == .terminal, "the notebook's semantics by default")
    }

    @Test func theWindowPairsEachStartWithItsNStepTransition() throws {
        var window = NStepWindow(n: 3, gamma: 0.5)
        func step(_ k: Int, done: Bool = false) -> Transition {
            Transition(
                observation: Observation(repeating: Float(k)), action: k % 2, reward: Float(k),
                nextObservation: Observation(repeating: Float(k + 1)), masksBootstrap: done)
        }
        #expect(window.push(step(1)) == nil)
        #expect(window.push(step(2)) == nil)
        let firstPushed = window.push(step(3))
        let first = try #require(firstPushed)
        #expect(first.oneStep == step(1))
        #expect(first.nStep.observation == step(1).observation)
        #expect(first.nStep.reward == 1 + 0.5 * (2 + 0.5 * 3))
        #expect(first.nStep.steps == 3)
        let secondPushed = window.push(step(4, done: true))
        let second = try #require(secondPushed)
        #expect(second.oneStep == step(2))
        #expect(second.nStep.reward == 2 + 0.5 * (3 + 0.5 * 4))
        #expect(second.nStep.masksBootstrap)
        // The window crosses into the next episode, but the return stops at the episode's end.
        let thirdPushed = window.push(step(10))
        let third = try #require(thirdPushed)
        #expect(third.oneStep == step(3))
        #expect(third.nStep.reward == 3 + 0.5 * 4)
        #expect(third.nStep.steps == 2)
        #expect(third.nStep.nextObservation == Observation(repeating: 5))
    }
}
