import Agent
import Foundation
import OutputFiles

extension CompareJob {
    /// Compares runs made elsewhere into the folder at `path`: each of `folders` holds the runs of one
    /// variant (run folders, Stable-Baselines3 monitor.csv files or TensorBoard event files), named by its
    /// label (by default the folder's name); `returnColumn` reads CSV files as episode returns. Runs are
    /// judged in the environment they name, or `environment`.
    public func compare(
        labelled folders: [(path: String, label: String?)], returnColumn: String?, environment: EnvironmentID?,
        in path: String, context: JobContext
    ) throws -> (comparison: RunComparison, environment: EnvironmentID) {
        let labels = folders.map { $0.label ?? URL(fileURLWithPath: $0.path).lastPathComponent }
        if let long = labels.first(where: { !ComparisonPlan.isLabel($0) }) {
            throw JobError.value(
                setting: "label",
                problem: "'\(MessageText.shown(long))' must be one line of at most \(ComparisonPlan.longestLabel) "
                    + "characters, without control characters")
        }
        guard Set(labels).count == labels.count else {
            throw JobError.value(setting: "label", problem: "names a variant twice; each must name a different one")
        }
        let window = max(try base.evalEvery, 1)
        let folder = try RunFolder.open(path, command: Self.command, outputs: CompareWorkflow.outputs, context: context)
        let compared: (comparison: RunComparison, environment: EnvironmentID)
        do {
            compared = try CompareWorkflow.compare(
                zip(folders, labels).map { (URL(fileURLWithPath: $0.path), $1) }, returnColumn: returnColumn,
                window: window, environment: environment, figures: figures, drawsRuns: drawsRuns,
                into: folder.staging, note: context.note)
        } catch let error as RunDiscoveryError {
            throw JobError.input(setting: "from", problem: SettingText(error.description))
        }
        let settings = self.settings.merging([
            "from": folders.map(\.path).joined(separator: "\n"), "label": labels.joined(separator: "\n"),
            "env": compared.environment.rawValue, "traces": "\(drawsRuns)",
        ]) { $1 }.merging(figures.settings) { $1 }
        try folder.commit(settings: settings, context: context)
        return compared
    }
}
