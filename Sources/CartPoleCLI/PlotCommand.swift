import Agent
import ArgumentParser
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

    @Option(help: "The metrics.csv written by `cartpole train` or `cartpole run`, a Stable-Baselines3 monitor.csv, or a CSV of episode returns.")
    var metrics: String
    @Option(help: "For a CSV of episode returns: the name of its return column.")
    var returnColumn: String?
    @Option(help: "Where to write the PNG; by default training.png beside the metrics.")
    var out: String?
    @Option(help: "Image size as WIDTHxHEIGHT (default 2000x500; 800x500 for an episode log).")
    var size: String?
    @Option(help: "Environment id for the reward threshold; by default that of agent.safetensors beside the metrics, else CartPole-v0.")
    var env: String?

    var dimensions: (width: Int, height: Int) {
        get throws {
            let parsed = try SizeOption(size ?? "2000x500", example: "2000x500", widths: 300...10000, heights: 150...10000, even: false)
            return (parsed.width, parsed.height)
        }
    }

    func validate() throws {
        _ = try dimensions
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
    }

    func run() throws {
        let metricsURL = URL(fileURLWithPath: metrics)
        let (data, kind) = try EpisodeLog.read(from: metricsURL, returnColumn: returnColumn)
        let beside = metricsURL.deletingLastPathComponent()
        let environment = try env.map(EnvironmentID.validatingForCLI)
            ?? (try? Checkpoint.read(from: beside.appendingPathComponent("agent.safetensors")).environment)
            ?? .v0
        let url = out.map { URL(fileURLWithPath: $0) } ?? beside.appendingPathComponent("training.png")
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw ValidationError("--out \(url.path) is a folder; give the PNG's file name")
        }
        // The evaluations made during that training, when they lie beside the metrics.
        let evalURL = beside.appendingPathComponent("eval.csv")
        let evaluation = kind == .metrics && FileManager.default.fileExists(atPath: evalURL.path)
            ? try EvaluationCSV.readTraining(from: evalURL) : []
        var figure = TrainingPlot.figure(data, evaluation: evaluation, environment: environment)
        var dimensions = try self.dimensions
        if kind != .metrics {
            Console.message("note: \(metrics) is a \(kind.rawValue): it has no loss or epsilon, so only the episode returns are drawn")
            figure.showsUpdatePanels = false
            if size == nil { dimensions = (800, 500) }
        }
        removeAbandonedFiles(in: url.deletingLastPathComponent())
        try figure.render(width: dimensions.width, height: dimensions.height).writePNG(to: url)
        print(url.path)
    }
}
