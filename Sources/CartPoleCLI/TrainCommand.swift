import ArgumentParser
import CartPoleKit
import Foundation

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the agent and write metrics.csv, agent.safetensors, eval.csv and best.safetensors.",
        discussion: """
            Progress goes to stderr. Ctrl-C stops training cleanly: what was learned so far is still written, \
            and the exit status is 130.
            """)

    @OptionGroup(title: "Training") var training: TrainingOptions
    @Option(help: "Folder for metrics.csv and agent.safetensors (created if missing).")
    var out = "videos/train"

    func run() throws {
        var job = TrainJob(configuration: try training.configuration())
        job.progress = TrainingSession.progressDisplay(frames: job.configuration.frames)
        let interrupts = Interrupts()
        interrupts.install()
        let outcome = try job.run(in: out, context: .cli(interrupts))
        Console.result(outcome.summary(in: URL(fileURLWithPath: out)))
        if outcome.interrupted {
            Console.message(
                "interrupted after \(outcome.agent.frame) frames; the agent and metrics so far are saved, marked interrupted"
            )
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
