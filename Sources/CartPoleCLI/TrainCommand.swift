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

    func validate() throws {
        try validateOutputFolder(out)
    }

    func run() throws {
        let folder = try openResultFolder(out, command: "train", outputs: TrainingSession.outputs)
        let interrupts = Interrupts()
        interrupts.install()
        let session = try TrainingSession(options: training, folder: folder.staging, interrupts: interrupts)
        let outcome = try session.run()
        try folder.commit(settings: session.configuration.settingValues, interrupted: outcome.interrupted)
        Console.result(outcome.summary(in: folder.url))
        if outcome.interrupted {
            Console.message(
                "interrupted after \(outcome.agent.frame) frames; the agent and metrics so far are saved, marked interrupted"
            )
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
