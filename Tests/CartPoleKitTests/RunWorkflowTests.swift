import Testing

@testable import CartPoleKit

@Suite struct RunWorkflowTests {
    /// After the untrained agent, the progress video plays the first agent to reach each quarter of the
    /// threshold, one agent standing for every level it reaches at once, and none after the threshold.
    @Test func theProgressVideoPlaysTheFirstAgentToReachEachQuarter() {
        var selection = ProgressSelection(threshold: 200)
        let means: [Double] = [9, 30, 49.9, 50, 60, 120, 80, 199, 200, 200]
        let chosen = means.filter { selection.chooses(mean: $0) }
        #expect(chosen == [50, 120, 199, 200], "a quarter, a half, three quarters, all")
        #expect(selection.isDone)
        var leap = ProgressSelection(threshold: 195)
        #expect(leap.chooses(mean: 195) && leap.isDone, "one agent reaching every level at once")
        #expect(RunWorkflow.snapshotEvery(frames: 20000) == 100 && RunWorkflow.snapshotEvery(frames: 150) == 1)
    }
}
