import Agent
import CartPoleKit
import Foundation
import Testing

/// `--vary` sets settings through their descriptions: no option words are parsed again.
@Suite struct ComparisonPlanTests {
    let folder = URL(fileURLWithPath: "/tmp/plan")

    @Test func everyCombinationRunsWithEverySeed() throws {
        var base = TrainingConfiguration()
        base.frames = 500
        let plan = try ComparisonPlan(base: base, vary: ["n-step=1,3", "lr=1e-3,0.01"], seeds: 2, folder: folder)
        #expect(plan.variants == ["n-step=1,lr=1e-3", "n-step=1,lr=0.01", "n-step=3,lr=1e-3", "n-step=3,lr=0.01"])
        #expect(plan.runs.count == 8)
        let last = try #require(plan.runs.last)
        #expect(last.configuration.nStep == 3 && last.configuration.learningRate == 0.01 && last.seed == 2)
        #expect(last.configuration.frames == 500, "the rest is the base")
        #expect(last.folder.path == "/tmp/plan/runs/n-step=3,lr=0.01/seed-2")
        #expect(last.settings["lr"] == "0.01" && last.settings["seed"] == "2")
    }

    @Test func badVariationsAreRefusedNamingTheSetting() {
        let cases: [(String, String)] = [
            ("lr=0.001,1e-3", "vary lr=0.001,1e-3: 0.001 and 1e-3 are the same value; give each once"),
            ("seed=1,2", "vary cannot vary the seed; runs use seeds 1 to seeds"),
            ("frame=1,2", "vary frame=1,2: unknown training setting 'frame'"),
            ("gamma=0.9,2", "vary gamma=0.9,2: gamma must be in (0, 1] (got 2.0)"),
            ("n-step", "vary takes NAME=V1,V2,... (got 'n-step')"),
            ("batch-size=4000", "vary batch-size=4000: batch-size (4000) must not exceed memory-size (2000)"),
        ]
        for (vary, message) in cases {
            do {
                _ = try ComparisonPlan(base: TrainingConfiguration(), vary: [vary], seeds: 1, folder: folder)
                Issue.record("--vary \(vary) was accepted")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
        #expect(throws: AgentError.self) {
            try ComparisonPlan(base: TrainingConfiguration(), vary: ["n-step=1", "n-step=3"], seeds: 1, folder: folder)
        }
    }
}
