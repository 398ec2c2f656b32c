import Agent
import Foundation
import Render
import TestSupport
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

/// A job that fails leaves nothing behind it writing: its staging folder can be removed whole at once.
@Suite struct RunWorkflowFailureTests {
    @Test func aFailedStepStopsTheThreadsWritingIntoTheFolder() throws {
        let folder = try Fixtures.temporaryDirectory("failed-step")
        // A folder where the training figure goes makes the plotting fail, while the progress video's
        // thread still evaluates the snapshots (one per frame) into a video of its own.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("training.png"), withIntermediateDirectories: false)
        var configuration = TrainingConfiguration()
        configuration.frames = 1200
        configuration.hidden = 64
        var recording = RecordingSettings()
        recording.episodes = 1
        recording.size = VideoSize(width: 64, height: 48)
        var workflow = RunWorkflow(
            session: TrainingSession(configuration: configuration, folder: folder), recording: recording,
            version: "test")
        workflow.plotEvery = 0
        let failure = #expect(throws: RunWorkflow.StepFailed.self) { try workflow.run(into: folder) }
        #expect(failure?.step == "plotting")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter {
            !$0.hasPrefix("rl-video-episode-") && !["metrics.csv", "agent.safetensors"].contains($0)
        }
        #expect(names.allSatisfy { !$0.hasPrefix(".") }, "nothing unfinished is left behind: \(names)")
    }
}
