import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

extension CompareCommand {
    /// `--emit-tasks FILE`: the plan into the compare folder and one `cartpole compare --task` line per run
    /// into FILE.
    func emit(to path: String) throws {
        let folder = try openResultFolder(out, command: "compare", outputs: CompareWorkflow.outputs)
        let plan = try plan(in: folder.url)
        try plan.checkKeepsTheRuns(in: folder.url)
        let executable = Platform.executablePath
        let lines = Self.commands(plan, folder: folder.url, executable: executable)
        try plan.save(in: folder)
        let then =
            "then: "
            + [executable, "compare", "--from", folder.url.path].map(ShellWord.quoted).joined(separator: " ")
        if path == "-" {
            try folder.commit(settings: optionValues)
            Console.result(lines, terminator: "")
            try Console.checkResultsDelivered()
            Console.message("\(plan.runs.count) tasks written to standard output; " + then)
            return
        }
        try AtomicFile.write(Data(lines.utf8), to: URL(fileURLWithPath: path))
        try folder.commit(settings: optionValues)
        Console.result("\(plan.runs.count) tasks: \(path)")
        Console.result(then)
    }

    /// The shell lines that run each run of the stored plan on its own, a line each:
    /// `cartpole compare --task DIR --index I`. The plan is in DIR, so a line holds no setting or label, only
    /// the folder (quoted once, made before the loop) and a number; `seq 0 N | xargs -I{} cartpole compare
    /// --task DIR --index {}` needs no shell at all.
    static func commands(_ plan: ComparisonPlan, folder: URL, executable: String) -> String {
        let prefix = ShellWord.line([executable, "compare", "--task", folder.path, "--index"])
        var text = ""
        for index in plan.runs.indices { text += prefix + " \(index)\n" }
        return text
    }
}
