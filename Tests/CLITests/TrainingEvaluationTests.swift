import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// Evaluation during training: eval.csv, best.safetensors, and a training stream it does not touch.
@Suite struct TrainingEvaluationTests {
    let options = ["--frames", "900", "--hidden", "16", "--memory-size", "500", "--epsilon-decay", "0.004"]

    @Test func evaluationsAreWrittenAndTheBestAgentKept() throws {
        let folder = try Fixtures.temporaryDirectory("train-eval")
        let result = try runProcess(
            cartpoleBinary, ["train", "--out", folder.path, "--eval-every", "150", "--eval-episodes", "3"] + options)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            files(in: folder) == [
                "agent.safetensors", "best.safetensors", "eval.csv", "events.out.tfevents.cartpole", "manifest.json",
                "metrics.csv",
            ])
        _ = try verifiedManifest(folder)
        let points = try TrainingEvaluationCSV.read(from: folder.appendingPathComponent("eval.csv"))
        #expect(points.map(\.frame) == [150, 300, 450, 600, 750, 900])
        #expect(points.allSatisfy { $0.returns.count == 3 && zip($0.returns, $0.lengths).allSatisfy { Int($0) == $1 } })
        // The best is the highest mean, the later one on a tie.
        let bestMean = points.map(\.meanReturn).max()!
        let bestFrame = points.last { $0.meanReturn == bestMean }!.frame
        let best = try Checkpoint.read(from: folder.appendingPathComponent("best.safetensors"))
        #expect(
            best.frames == bestFrame && best.evaluationMean == bestMean,
            "best at \(best.frames): \(String(describing: best.evaluationMean))")
        // Its network plays the evaluation episodes to the same mean.
        let replayed = try Evaluation.play(
            best.network, environment: .v0, episodes: 3, seed: 777 + TrainingEvaluation.seedOffset)
        #expect(Statistics.mean(replayed.map(\.returnValue)) == bestMean)
        #expect(result.stdout.contains("best:    \(folder.appendingPathComponent("best.safetensors").path)"))
        // record takes it like any checkpoint.
        let recorded = try cartpole(
            "record", "--agent", folder.appendingPathComponent("best.safetensors").path, "--episodes", "1",
            "--size", "64x48", "--out", folder.appendingPathComponent("videos").path)
        #expect(recorded.status == 0, "\(recorded.stderr)")
    }

    /// The same agent and metrics, byte for byte, with and without evaluation.
    @Test func evaluationDoesNotTouchTheTrainingStream() throws {
        let with = try Fixtures.temporaryDirectory("with-eval")
        let without = try Fixtures.temporaryDirectory("without-eval")
        defer {
            try? FileManager.default.removeItem(at: with)
            try? FileManager.default.removeItem(at: without)
        }
        #expect(
            try runProcess(
                cartpoleBinary, ["train", "--out", with.path, "--eval-every", "100", "--eval-episodes", "2"] + options
            ).status == 0)
        #expect(
            try runProcess(cartpoleBinary, ["train", "--out", without.path, "--eval-every", "0"] + options).status == 0)
        #expect(
            files(in: without) == ["agent.safetensors", "events.out.tfevents.cartpole", "manifest.json", "metrics.csv"])
        #expect(
            try Data(contentsOf: with.appendingPathComponent("metrics.csv"))
                == Data(contentsOf: without.appendingPathComponent("metrics.csv")))
        // The networks are the same; the metadata records each run's own evaluation settings.
        let agents = try [with, without].map {
            try Checkpoint.read(from: $0.appendingPathComponent("agent.safetensors"))
        }
        #expect(agents[0].network == agents[1].network)
        #expect(agents[0].training?.evalEvery == 100 && agents[1].training?.evalEvery == 0)
    }
}

/// Checkpoints during training, for videos of learning: each with its frame and latest evaluation mean.
@Suite struct CheckpointsDuringTrainingTests {
    @Test func checkpointsAreWrittenWithTheirFrameAndEvaluation() throws {
        let folder = try Fixtures.temporaryDirectory("checkpoints")
        let result = try runProcess(
            cartpoleBinary,
            [
                "train", "--out", folder.path, "--frames", "600", "--hidden", "8", "--memory-size", "300",
                "--eval-every", "200", "--eval-episodes", "2", "--checkpoint-every", "300",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let names = files(in: folder.appendingPathComponent("checkpoints"))
        #expect(names == ["agent-000300.safetensors", "agent-000600.safetensors"])
        let points = try TrainingEvaluationCSV.read(from: folder.appendingPathComponent("eval.csv"))
        let at300 = try Checkpoint.read(from: folder.appendingPathComponent("checkpoints/agent-000300.safetensors"))
        // No evaluation was made at frame 300 (they come every 200): the checkpoint claims none.
        #expect(at300.frames == 300 && at300.evaluationMean == nil)
        let last = try Checkpoint.read(from: folder.appendingPathComponent("checkpoints/agent-000600.safetensors"))
        let final = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
        #expect(last.network == final.network && last.evaluationMean == points.last?.meanReturn)
        // train writes none unless asked.
        let plain = folder.appendingPathComponent("plain")
        #expect(
            try runProcess(cartpoleBinary, ["train", "--out", plain.path, "--frames", "300", "--hidden", "8"]).status
                == 0)
        #expect(!files(in: plain).contains("checkpoints"))
    }
}
