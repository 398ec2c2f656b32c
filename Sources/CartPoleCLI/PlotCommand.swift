import Agent
import ArgumentParser
import CartPoleKit
import Foundation

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Render the training plot (PNG) from a metrics.csv, or from another tool's episode log.",
        discussion: """
            Three panels as the notebook's plot: episode scores (with their moving average and the reward threshold), \
            loss and epsilon per update. The evaluations of eval.csv beside the metrics, if any, are drawn on the \
            score panel. Also reads other tools' logs: Stable-Baselines3's monitor.csv, a TensorBoard event file \
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
    @Option(help: "Image size as WIDTHxHEIGHT (default 2000x500; 800x500 for an episode log).")
    var size: String?
    @Option(
        help:
            "Environment id for the reward threshold; by default that of agent.safetensors beside the metrics, else CartPole-v0."
    )
    var env: String?

    /// The parsed `--size`, when given.
    var dimensions: (width: Int, height: Int)? {
        get throws {
            try size.map {
                let parsed = try SizeOption(
                    $0, example: "2000x500", widths: 300...10000, heights: 150...10000, even: false)
                return (parsed.width, parsed.height)
            }
        }
    }

    func validate() throws {
        try validateOutputFolder(out)
        _ = try dimensions
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
    }

    func run() throws {
        let folder = try openResultFolder(out, command: "plot", outputs: ["training.png"])
        let plotted = try TrainingPlot.write(
            log: URL(fileURLWithPath: metrics), returnColumn: returnColumn,
            environment: try env.map(EnvironmentID.validatingForCLI), size: try dimensions, into: folder.staging,
            note: Console.message)
        try folder.commit(settings: [
            "metrics": metrics, "return-column": returnColumn ?? "",
            "size": "\(plotted.size.width)x\(plotted.size.height)", "env": plotted.environment.rawValue,
        ])
        Console.result(folder.final("training.png").path)
    }
}
