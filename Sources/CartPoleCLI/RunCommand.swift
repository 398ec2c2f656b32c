import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles
import Render

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train, then record test episodes and plot the training (the default).",
        discussion: """
            Writes into DIR: metrics.csv, agent.safetensors, eval.csv and best.safetensors (evaluations every \
            --eval-every frames and the best agent they found), checkpoints/, training.png (refreshed while training), \
            qmap.png (the final agent's Q-function), training-progress.mp4 (the checkpoints one after another), \
            rl-video-episode-{i}.mp4, summary.json and index.html, a page that shows them all. \
            Ctrl-C during training keeps what was learned (checkpoint, metrics, plot), skips the recording and exits 130.
            """)

    @Option(help: "Folder for every output (created if missing).")
    var out = "videos"
    @Option(
        parsing: .unconditional, help: "Frames between refreshes of training.png while training (0: only at the end).")
    var plotEvery = 1000
    @OptionGroup(title: "Training") var training: TrainingOptions
    @OptionGroup(title: "Recording") var recording: RecordingOptions
    @OptionGroup(title: "Figures") var figures: FigureOptions

    func validate() throws {
        try validateOutputFolder(out)
        guard plotEvery >= 0 else {
            throw ValidationError("--plot-every must be 0 or a positive number of frames (got \(plotEvery))")
        }
    }

    func run() throws {
        let folder = try openResultFolder(out, command: "run", outputs: RunWorkflow.outputs)
        let interrupts = Interrupts()
        interrupts.install()
        var workflow = RunWorkflow(
            session: try TrainingSession(options: training, folder: folder.staging, interrupts: interrupts),
            recording: try recording.recordingSettings(), version: CartPoleCommand.configuration.version,
            checkpointsByDefault: training.checkpointEvery == nil)
        workflow.plotEvery = plotEvery
        workflow.figures = try figures.output
        workflow.shouldStop = { interrupts.requested }
        workflow.message = { Console.message($0) }
        let result = try workflow.run(into: folder.staging)
        do {
            try folder.commit(
                settings: workflow.session.configuration.settingValues.merging(recording.optionValues) { $1 }.merging([
                    "plot-every": "\(plotEvery)"
                ]) { $1 }.merging(try figures.output.settings) { $1 },
                interrupted: result.interrupted)
        } catch {
            throw RunWorkflow.StepFailed(step: "moving the outputs into place", cause: error)
        }

        Console.result(result.outcome.summary(in: folder.url))
        for episode in result.episodes {
            Console.result(
                "video:   \(folder.final(episode.url.lastPathComponent).path) (return \(Int(episode.returnValue)), length \(episode.length))"
            )
        }
        if !result.episodes.isEmpty {
            Console.result(
                String(
                    format: "test return: mean %g over %d episodes", result.summary.testReturns.mean,
                    result.episodes.count))
        }
        Console.result("report:  \(folder.final("index.html").path)")
        if result.interrupted {
            Console.message(
                "interrupted after \(result.outcome.agent.frame) frames: what was done is saved in \(folder.url.relativePath), "
                    + "marked interrupted; "
                    + (result.episodes.isEmpty ? "no test episodes recorded" : "recording stopped"))
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
