import Agent
import ArgumentParser
import CartPoleKit
import Foundation

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Render the training plot from a metrics.csv, or from another tool's episode log.",
        discussion: """
            Three panels as the notebook's plot, each against environment frames: the training episodes' returns \
            (with their moving average and the reward threshold), the loss (each group of updates' mean, 10% to 90% \
            band and largest value) and epsilon; with prioritized replay the priorities held (median, 25% to 75%, \
            5% to 95%), with a noisy network each noisy layer's mean |σ|. The evaluations of eval.csv beside the metrics, if any, are drawn on the return panel. Also reads other tools' logs: Stable-Baselines3's monitor.csv, a TensorBoard event file \
            (CleanRL's and Stable-Baselines3's tags, or the one --return-column names) and a CSV of episode returns \
            (--return-column), against the threshold of the environment the log names; without loss or epsilon \
            only the score panel is drawn (800x500 unless --size).
            """)

    @Option(
        help:
            "The metrics.csv written by `cartpole train` or `cartpole run`, a Stable-Baselines3 monitor.csv, a TensorBoard event file, or a CSV of episode returns."
    )
    var metrics: String
    @Option(help: "For a CSV of episode returns: the name of its return column.")
    var returnColumn: String?
    @Option(help: "Folder for training.png (created if missing; an earlier plot there is replaced).")
    var out = "videos/plot"
    @Option(
        help:
            "Figure size as WIDTHxHEIGHT pixels (default 2000x500; 800x500 for an episode log), or WIDTHxHEIGHTin inches for a paper (3.3x2.2in is a column; text is then at least 8 pt)."
    )
    var size: String?
    @OptionGroup var formats: FigureFormatOptions
    @Option(
        help:
            "Environment id for the reward threshold; by default that of agent.safetensors beside the metrics, else CartPole-v0."
    )
    var env: String?

    func run() throws {
        var job = PlotJob(log: metrics)
        job.returnColumn = returnColumn
        job.environment = try env.map(EnvironmentID.validatingForCLI)
        job.figures = try formats.output(size: size, sizeFlag: "--size")
        for file in try job.run(in: out, context: .cli(Interrupts())) { Console.result(file.path) }
    }
}
