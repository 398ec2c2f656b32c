import Agent
import Foundation
import OutputFiles

/// `cartpole plot`: the training figure of a metrics.csv or another tool's episode log
/// (`TrainingPlot.write(log:…)`) in a result folder whose manifest records the log and the figure.
public struct PlotJob {
    /// metrics.csv, a Stable-Baselines3 monitor.csv, a TensorBoard event file or a CSV of returns.
    public var log: String
    /// For a CSV of episode returns: its return column.
    public var returnColumn: String?
    /// For the reward threshold; by default the log's (or the agent's beside it), else CartPole-v0.
    public var environment: EnvironmentID?
    /// How the figure is written.
    public var figures = FigureOutput.png

    /// The command its manifest names.
    public static let command = "plot"
    /// What it writes into its folder (`fnmatch` patterns).
    public static let outputs = FigureOutput.names("training")

    /// A plot of the log at `log`.
    public init(log: String) { self.log = log }

    /// Draws into the folder at `path` (created if missing); returns the files written there.
    public func run(in path: String, context: JobContext) throws -> [URL] {
        let folder = try RunFolder.open(path, command: Self.command, outputs: Self.outputs, context: context)
        let plotted = try TrainingPlot.write(
            log: URL(fileURLWithPath: log), returnColumn: returnColumn, environment: environment, figures: figures,
            into: folder.staging, note: { context.note(SettingText($0)) })
        let settings = [
            "metrics": log, "return-column": returnColumn ?? "", "size": plotted.size.description,
            "env": plotted.environment.rawValue,
        ].merging(figures.settings) { $1 }
        try folder.commit(settings: settings, context: context)
        return plotted.files.map { folder.final($0.lastPathComponent) }
    }
}
