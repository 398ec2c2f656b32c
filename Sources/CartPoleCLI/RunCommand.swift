import ArgumentParser
import CartPoleKit
import Foundation

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

    func run() throws {
        var job = RunJob(configuration: try training.configuration(), recording: try recording.settings)
        job.checkpointsByDefault = training.checkpointEvery == nil
        job.plotEvery = plotEvery
        job.figures = try figures.output
        job.progress = TrainingSession.progressDisplay(frames: job.configuration.frames)
        let interrupts = Interrupts()
        interrupts.install()
        let result = try job.run(in: out, context: .cli(interrupts))
        let folder = URL(fileURLWithPath: out)
        Console.result(result.outcome.summary(in: folder))
        for episode in result.episodes {
            Console.result(
                "video:   \(folder.appendingPathComponent(episode.url.lastPathComponent).path) (return \(Int(episode.returnValue)), length \(episode.length))"
            )
        }
        if !result.episodes.isEmpty {
            Console.result(
                String(
                    format: "test return: mean %g over %d episodes", result.summary.testReturns.mean,
                    result.episodes.count))
        }
        Console.result("report:  \(folder.appendingPathComponent("index.html").path)")
        if result.interrupted {
            Console.message(
                "interrupted after \(result.outcome.agent.frame) frames: what was done is saved in \(folder.relativePath), "
                    + "marked interrupted; "
                    + (result.episodes.isEmpty ? "no test episodes recorded" : "recording stopped"))
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
