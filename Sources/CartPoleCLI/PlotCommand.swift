import Agent
import ArgumentParser
import Foundation

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Render the training plot (PNG) from a metrics.csv.",
        discussion: "Three panels as the notebook's plot: episode scores (with their moving average and the reward threshold), loss and epsilon per update. The evaluations of eval.csv beside the metrics, if any, are drawn on the score panel.")

    @Option(help: "The metrics.csv written by `cartpole train` or `cartpole run`.")
    var metrics: String
    @Option(help: "Where to write the PNG; by default training.png beside the metrics.")
    var out: String?
    @Option(help: "Image size as WIDTHxHEIGHT.")
    var size = "2000x500"
    @Option(help: "Environment id for the reward threshold; by default that of agent.safetensors beside the metrics, else CartPole-v0.")
    var env: String?

    var dimensions: (width: Int, height: Int) {
        get throws {
            let parsed = try SizeOption(size, example: "2000x500", widths: 300...10000, heights: 150...10000, even: false)
            return (parsed.width, parsed.height)
        }
    }

    func validate() throws {
        _ = try dimensions
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
    }

    func run() throws {
        let metricsURL = URL(fileURLWithPath: metrics)
        let data = try MetricsCSV.read(from: metricsURL)
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
        let evaluation = FileManager.default.fileExists(atPath: evalURL.path) ? try EvaluationCSV.readTraining(from: evalURL) : []
        removeAbandonedFiles(in: url.deletingLastPathComponent())
        try TrainingPlot.write(data, evaluation: evaluation, environment: environment, to: url, size: try dimensions)
        print(url.path)
    }
}
