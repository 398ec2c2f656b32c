import Agent
import Foundation
import OutputFiles

extension CompareJob {
    /// A comparison made, with the runs it planned; `comparison` is nil when it was interrupted or no
    /// planned run is finished (`failure` then says so, and nothing was committed).
    public struct Compared {
        /// The runs compared.
        public let plan: ComparisonPlan
        /// Each planned run's result, in plan order.
        public let runs: [CompareRunner.Result]
        /// The comparison of the finished runs.
        public let comparison: RunComparison?
        /// The environment the runs were judged in.
        public let environment: EnvironmentID
        /// Whether training was stopped.
        public let interrupted: Bool
        /// Whether the runs were trained (`run`) rather than found (`tabulate`).
        public let trained: Bool
        /// The planned runs not finished (failed, or not yet made), left out of the comparison.
        public var unfinished: [CompareRunner.Result] { runs.filter { $0.run == nil } }

        /// Why there is no comparison, unless it was interrupted.
        public var failure: JobError? {
            guard comparison == nil && !interrupted else { return nil }
            return .failed(
                trained
                    ? "no finished run with evaluations to compare (training needs \(setting: "eval-every") above 0)"
                    : "none of the \(plan.runs.count) planned runs is finished yet; nothing to compare")
        }
    }
}

extension CompareJob.Compared {
    /// What a tabulated comparison says of the planned runs it left out: how many, the first 20 by folder
    /// and why, the rest counted by reason, and what to run again (a Slurm array of their indices when the
    /// comparison folder holds the sweep's script, else one `compare --task` line per index).
    public func unfinishedReport(folder: URL, executable: String) -> [SettingText] {
        let unfinished = self.unfinished
        guard !unfinished.isEmpty else { return [] }
        func why(_ result: CompareRunner.Result) -> SettingText { result.failure ?? "" }
        var lines: [SettingText] = [
            "\(unfinished.count) of \(plan.runs.count) planned runs are not finished and are left out:"
        ]
        lines += unfinished.prefix(20).map { "  \($0.task.folder.relativePath): \(why($0))" }
        if unfinished.count > 20 {
            let reasons = Dictionary(grouping: unfinished.dropFirst(20)) { why($0).description.prefix { $0 != "(" } }
            let counted = reasons.sorted { $0.key < $1.key }
                .map { "\($0.value.count) \($0.key.trimmingCharacters(in: .whitespaces))" }
            lines.append(SettingText("  and \(unfinished.count - 20) more: " + counted.joined(separator: ", ")))
        }
        let indices = ArrayIndices.syntax(runs.indices.filter { runs[$0].run == nil })
        let script = folder.appendingPathComponent(SlurmScripts.sweepName)
        lines.append(
            SettingText(
                FileManager.default.fileExists(atPath: script.path)
                    ? "tasks to run again: \(indices); on Slurm: "
                        + ShellWord.line(["sbatch", "--array=\(indices)", script.path])
                    : "tasks to run again: \(indices); for each index I: "
                        + ShellWord.line([executable, "compare", "--task", folder.path, "--index"]) + " I"))
        return lines
    }
}
