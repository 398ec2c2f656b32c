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
            score panel. Also reads Stable-Baselines3's monitor.csv and a CSV of episode returns (--return-column): \
            they have no loss or epsilon, so only the score panel is drawn (800x500 unless --size).
            """)

    @Option(
        help:
            "The metrics.csv written by `cartpole train` or `cartpole run`, a Stable-Baselines3 monitor.csv, or a CSV of episode returns."
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

    var dimensions: (width: Int, height: Int) {
        get throws {
            let parsed = try SizeOption(
                size ?? "2000x500", example: "2000x500", widths: 300...10000, heights: 150...10000, even: false)
            return (parsed.width, parsed.height)
        }
    }

    func validate() throws {
        try validateOutputFolder(out)
        _ = try dimensions
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
    }

    func run() throws {
        let metricsURL = URL(fileURLWithPath: metrics)
        try ResultInput.check(metricsURL, note: Console.message)
        let (data, kind) = try EpisodeLog.read(from: metricsURL, returnColumn: returnColumn)
        let beside = metricsURL.deletingLastPathComponent()
        let environment =
            try env.map(EnvironmentID.validatingForCLI)
            ?? (try? Checkpoint.read(from: beside.appendingPathComponent("agent.safetensors")).environment)
            ?? .v0
        // The evaluations made during that training, when they lie beside the metrics as part of its run.
        let evalURL = beside.appendingPathComponent("eval.csv")
        let evaluation =
            kind == .metrics
                && !ResultInput.belonging(
                    [evalURL].filter { FileManager.default.fileExists(atPath: $0.path) },
                    in: beside.relativePath, note: Console.message
                ).isEmpty
            ? try TrainingEvaluationCSV.read(from: evalURL) : []
        var figure = TrainingPlot.figure(data, evaluation: evaluation, environment: environment)
        var dimensions = try self.dimensions
        if kind != .metrics {
            Console.message(
                "note: \(metrics) is a \(kind.rawValue): it has no loss or epsilon, so only the episode returns are drawn"
            )
            figure.showsUpdatePanels = false
            if size == nil { dimensions = (800, 500) }
        }
        let folder = try openResultFolder(out, command: "plot", outputs: ["training.png"])
        try figure.render(width: dimensions.width, height: dimensions.height).writePNG(
            to: folder.staging.appendingPathComponent("training.png"))
        try folder.commit(settings: [
            "metrics": metrics, "return-column": returnColumn ?? "", "size": "\(dimensions.width)x\(dimensions.height)",
            "env": environment.rawValue,
        ])
        Console.result(folder.final("training.png").path)
    }
}
