import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

extension CompareCommand {
    /// `--emit-tasks FILE`: the plan into the compare folder and one `cartpole train` line per run into FILE.
    func emit(to path: String) throws {
        let folder = try openResultFolder(out, command: "compare", outputs: CompareWorkflow.outputs)
        let plan = try plan(in: folder.url)
        let executable = Platform.executablePath
        let lines = Self.commands(plan, executable: executable)
        try plan.save(in: folder)
        let then =
            "then: "
            + [executable, "compare", "--from", folder.url.path].map(ShellWord.quoted).joined(separator: " ")
        if path == "-" {
            try folder.commit(settings: optionValues)
            Console.result(lines, terminator: "")
            Console.message("\(plan.runs.count) tasks written to standard output; " + then)
            return
        }
        try AtomicFile.write(Data(lines.utf8), to: URL(fileURLWithPath: path))
        try folder.commit(settings: optionValues)
        Console.result("\(plan.runs.count) tasks: \(path)")
        Console.result(then)
    }

    /// The shell lines that train each run on its own, `cartpole train` with every setting explicit, a line
    /// each: the words are made and quoted once per variant and only the seed and the folder per run, since
    /// a plan may hold a hundred thousand runs.
    static func commands(_ plan: ComparisonPlan, executable: String) -> String {
        var text = ""
        var template: (before: String, after: String, settings: TrainingConfiguration)?
        for run in plan.runs {
            var settings = run.configuration
            settings.seed = 0
            if template?.settings != settings {
                let words = [executable, "train"] + settings.optionWords
                let seed = words.firstIndex(of: "--seed")! + 1
                template = (
                    ShellWord.line(Array(words[..<seed])), ShellWord.line(Array(words[(seed + 1)...])), settings
                )
            }
            text += template!.before + " \(run.seed) " + template!.after + " --out "
            text += ShellWord.quoted(run.folder.path) + "\n"
        }
        return text
    }
}
