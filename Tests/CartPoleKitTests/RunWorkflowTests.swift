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

    /// A grid shows as many tiles as fit at a quarter of the scene each, chosen evenly from first to last.
    @Test func aGridChoosesEvenlySpacedAgentsThatFit() {
        #expect(RecordWorkflow.mostTiles(width: 600, height: 400) == 16)
        #expect(RecordWorkflow.mostTiles(width: 1200, height: 800) == 64)
        #expect(RecordWorkflow.mostTiles(width: 100, height: 50) == 1)
        #expect(RecordWorkflow.evenly(16, of: 40).first == 0 && RecordWorkflow.evenly(16, of: 40).last == 39)
        #expect(Set(RecordWorkflow.evenly(16, of: 40)).count == 16)
        #expect(RecordWorkflow.evenly(4, of: 10) == [0, 3, 6, 9])
        #expect(RecordWorkflow.evenly(1, of: 10) == [0])
        #expect(RecordWorkflow.evenly(5, of: 5) == [0, 1, 2, 3, 4])
    }
}
