import CartPoleKit
import Testing

@Suite struct RunWorkflowTests {
    /// A progress video plays at most 64 checkpoints, spread from the first to the last.
    @Test func manyCheckpointsAreSpreadOverTheProgressVideo() {
        let names = (1...1000).map { $0 }
        let chosen = RunWorkflow.spread(names, atMost: RunWorkflow.progressCheckpoints)
        #expect(chosen.count == 64 && chosen.first == 1 && chosen.last == 1000 && chosen == chosen.sorted())
        #expect(RunWorkflow.spread(Array(1...10), atMost: 64) == Array(1...10))
    }
}
