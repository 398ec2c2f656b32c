import CartPoleKit
import Testing

@Suite struct RunWorkflowTests {
    /// A progress video plays the last checkpoint and those nearest a half, a quarter, ... of its frame.
    @Test func theProgressVideoTakesLogSpacedCheckpoints() {
        let frames = (1...40).map { $0 * 500 }
        let chosen = RunWorkflow.learningCheckpoints(frames, atMost: RunWorkflow.progressCheckpoints)
        #expect(chosen == [500, 1000, 2500, 5000, 10000, 20000])
        #expect(RunWorkflow.learningCheckpoints([100, 200], atMost: 6) == [100, 200])
        #expect(RunWorkflow.learningCheckpoints([], atMost: 6).isEmpty)
    }
}
