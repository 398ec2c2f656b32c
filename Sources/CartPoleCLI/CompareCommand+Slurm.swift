import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

extension CompareCommand {
    /// `--slurm`: the plan and the two batch scripts into the compare folder, and the commands that submit them.
    func writeSlurmScripts() throws {
        // Slurm reads #SBATCH lines as words: a path with spaces or control characters cannot be given there.
        let path = URL(fileURLWithPath: out).standardizedFileURL.path
        guard path.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw ValidationError(
                "--out \(MessageText.shown(out)) holds a space or a control character, which #SBATCH lines cannot take; choose another folder"
            )
        }
        let folder = try openResultFolder(out, command: "compare", outputs: CompareWorkflow.outputs)
        let plan = try plan(in: folder.url)
        try plan.checkKeepsTheRuns(in: folder.url)
        try plan.save(in: folder)
        let longest = plan.runs.max { $0.configuration.frames < $1.configuration.frames }!
        var scripts = SlurmScripts(
            plan: plan, folder: folder.url.standardizedFileURL.path, executable: Platform.executablePath,
            secondsPerFrame: try SlurmScripts.measureSecondsPerFrame(longest.configuration))
        scripts.concurrency = slurmParallel
        scripts.partition = partition
        scripts.account = account
        scripts.extraLines = sbatch
        try scripts.write(into: folder.staging)
        try folder.commit(
            settings: optionValues.merging([
                "slurm-parallel": "\(slurmParallel)", "partition": partition ?? "", "account": account ?? "",
                "sbatch": sbatch.joined(separator: "\n"),
            ]) { $1 })
        // Slurm writes the tasks' output there, and does not make the folder.
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("logs"), withIntermediateDirectories: true)
        Console.result(
            "\(plan.runs.count) tasks, \(scripts.memoryMiB) MiB and \(scripts.minutes) minutes each, at most \(slurmParallel) at once: "
                + folder.final(SlurmScripts.sweepName).path)
        Console.result("submit with:")
        for line in scripts.submission() { Console.result("  " + line) }
    }
}
