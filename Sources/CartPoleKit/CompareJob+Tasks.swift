import Agent
import Foundation
import OutputFiles

extension CompareJob {
    /// The plan kept for other machines: its runs, and one shell line per run that trains it.
    public struct EmittedTasks {
        /// The runs planned.
        public let plan: ComparisonPlan
        /// `EXECUTABLE compare --task DIR --index I`, a line each.
        public let lines: String
        /// The command that compares the runs once every task has ended.
        public let then: String
    }

    /// Keeps the plan in the folder at `path` and writes one task line per run into `file`, or, when it
    /// is nil, returns them only (for standard output); trains nothing.
    public func emitTasks(in path: String, to file: String?, executable: String, context: JobContext) throws
        -> EmittedTasks
    {
        try validate()
        if let file {
            guard !file.isEmpty else {
                throw JobError.value(setting: "emit-tasks", problem: "is empty; name a file, or - for standard output")
            }
            do { try AtomicFile.checkReplaceable(URL(fileURLWithPath: file)) } catch {
                throw JobError.value(
                    setting: "emit-tasks",
                    problem: "\(file) exists and is not a regular file (a device, FIFO, socket or folder); "
                        + "name a file, or - for standard output")
            }
        }
        let (folder, plan) = try openPlanned(path, context: context)
        try plan.save(in: folder)
        let lines = Self.commands(plan, folder: folder.url, executable: executable)
        if let file { try AtomicFile.write(Data(lines.utf8), to: URL(fileURLWithPath: file)) }
        try folder.commit(settings: settings, context: context)
        return EmittedTasks(
            plan: plan, lines: lines, then: ShellWord.line([executable, "compare", "--from", folder.url.path]))
    }

    /// The shell lines that run each run of the stored plan on its own, a line each:
    /// `cartpole compare --task DIR --index I`. The plan is in DIR, so a line holds no setting or label, only
    /// the folder (quoted once, made before the loop) and a number; `seq 0 N | xargs -I{} cartpole compare
    /// --task DIR --index {}` needs no shell at all.
    package static func commands(_ plan: ComparisonPlan, folder: URL, executable: String) -> String {
        let prefix = ShellWord.line([executable, "compare", "--task", folder.path, "--index"])
        var text = ""
        for index in plan.runs.indices { text += prefix + " \(index)\n" }
        return text
    }

    /// Runs one run of the plan kept in the folder at `path`: the one at `index`, or at the index an array
    /// job's `environment` gives, trained unless the folder holds it complete already.
    public static func runTask(
        in path: String, index: Int?, environment: [String: String], context: JobContext
    ) throws -> (task: CompareTask, outcome: CompareTask.Outcome) {
        guard !FileManager.default.fileExists(atPath: path) || FolderListing.isFolder(path) else {
            throw JobError.value(setting: "task", problem: "\(path) is not a folder; name the folder of a kept plan")
        }
        guard let plan = try ComparisonPlan.stored(in: URL(fileURLWithPath: path)) else {
            throw JobError.value(
                setting: "task",
                problem: "\(path) holds no plan.json; make one with `cartpole compare --emit-tasks FILE --out \(path)` "
                    + "and its options")
        }
        let position: Int
        if let index {
            position = index
        } else if let (text, variable) = CompareTask.index(from: environment) {
            guard let value = Int(text) else {
                throw JobError.value(
                    setting: "index",
                    problem: "is not given and $\(variable) is '\(MessageText.shown(text))', not a task index")
            }
            position = value
        } else {
            throw JobError.value(
                setting: "index",
                problem: "is not given, and no array job's index is set "
                    + "($\(CompareTask.indexVariables.joined(separator: ", $")))")
        }
        // An index outside the plan is a bad value, as a malformed one is.
        let task: CompareTask
        do { task = try CompareTask(plan: plan, index: position) } catch { throw JobError.agent(error) }
        try MemoryCheck.check(task.run.configuration)
        let outcome = task.perform(
            version: context.version, arguments: context.arguments, shouldStop: context.shouldStop)
        return (task, outcome)
    }
}
