import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

extension CompareCommand {
    /// `--task DIR`: the run of DIR's plan at `--index` (or the array job's index), unless complete already.
    func runTask(in path: String) throws {
        let folder = URL(fileURLWithPath: path)
        guard !FileManager.default.fileExists(atPath: path) || FolderListing.isFolder(path) else {
            throw ValidationError("--task \(path) is not a folder; name the folder of a kept plan")
        }
        guard let plan = try ComparisonPlan.stored(in: folder) else {
            throw ValidationError(
                "\(path) holds no plan.json; make one with `cartpole compare --emit-tasks FILE --out \(path)` and its options"
            )
        }
        let position: Int
        if let index {
            position = index
        } else if let (text, variable) = CompareTask.index(from: ProcessInfo.processInfo.environment) {
            guard let value = Int(text) else {
                throw ValidationError("$\(variable) is '\(MessageText.shown(text))', not a task index")
            }
            position = value
        } else {
            throw ValidationError(
                "give --index I, or run as a task of an array job ($"
                    + CompareTask.indexVariables.joined(separator: ", $") + ")")
        }
        // An index outside the plan is a bad option value, as a malformed one is.
        let task: CompareTask
        do { task = try CompareTask(plan: plan, index: position) } catch {
            throw ValidationError(error.worded(optionName))
        }
        let run = task.run
        let name = "task \(position) (\(run.variant) seed \(run.seed))"
        try AvailableRAM.check(run.configuration)
        let interrupts = Interrupts()
        interrupts.install()
        switch task.perform(
            version: CartPoleCommand.configuration.version, arguments: Array(CommandLine.arguments.dropFirst()),
            shouldStop: { interrupts.requested })
        {
        case .alreadyComplete:
            Console.result("\(name): complete already in \(run.folder.relativePath); nothing to do")
        case .trained(let result):
            if let finished = result.run {
                Console.result(
                    String(
                        format: "%@: final evaluation mean %.1f, in %@", name, finished.finalMean,
                        run.folder.relativePath))
            } else {
                Console.message("\(name) \(AgentError.word(result.failure ?? "failed", optionName))")
                throw ExitCode(interrupts.requested ? interrupts.exitStatus : 1)
            }
        }
    }
}
