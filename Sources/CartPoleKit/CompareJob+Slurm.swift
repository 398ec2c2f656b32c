import Agent
import Foundation
import OutputFiles

extension CompareJob {
    /// What the Slurm batch scripts ask of the cluster beyond the plan.
    public struct SlurmOptions {
        /// Tasks running at once (the array's %P).
        public var parallel = 32
        /// The partition to run in (`#SBATCH --partition`).
        public var partition: String?
        /// The account to charge (`#SBATCH --account`).
        public var account: String?
        /// Further `#SBATCH` lines for both scripts.
        public var extraLines: [String] = []

        /// 32 tasks at once, no partition or account, no further lines.
        public init() {}

        /// What the manifest records.
        var settings: [String: String] {
            [
                "slurm-parallel": "\(parallel)", "partition": partition ?? "", "account": account ?? "",
                "sbatch": extraLines.joined(separator: "\n"),
            ]
        }
    }

    /// Keeps the plan and two Slurm batch scripts in the folder at `path` (sweep.sbatch, an array job of one
    /// task per run, and tabulate.sbatch, which compares the sweep when every task has ended); trains nothing.
    public func writeSlurmScripts(in path: String, options: SlurmOptions, executable: String, context: JobContext)
        throws -> SlurmScripts
    {
        try validate()
        try JobChecks.range(options.parallel, 1...100_000, "slurm-parallel")
        do {
            if let partition = options.partition { try SlurmScripts.check(partition, as: "partition") }
            if let account = options.account { try SlurmScripts.check(account, as: "account") }
            for line in options.extraLines { try SlurmScripts.check(line, as: "sbatch") }
        } catch { throw JobError.agent(error) }
        // Slurm reads #SBATCH lines as words: a path with spaces or control characters cannot be given there.
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        guard absolute.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value != 0x7F }) else {
            throw JobError.value(
                setting: "out",
                problem: "\(MessageText.shown(path)) holds a space or a control character, which #SBATCH lines "
                    + "cannot take; choose another folder")
        }
        let (folder, plan) = try openPlanned(path, context: context)
        try plan.save(in: folder)
        let longest = plan.runs.max { $0.configuration.frames < $1.configuration.frames } ?? plan.runs[0]
        var scripts = SlurmScripts(
            plan: plan, folder: folder.url.standardizedFileURL.path, executable: executable,
            secondsPerFrame: try SlurmScripts.measureSecondsPerFrame(longest.configuration))
        scripts.concurrency = options.parallel
        scripts.partition = options.partition
        scripts.account = options.account
        scripts.extraLines = options.extraLines
        try scripts.write(into: folder.staging)
        try folder.commit(settings: settings.merging(options.settings) { $1 }, context: context)
        // Slurm writes the tasks' output there, and does not make the folder.
        try FileManager.default.createDirectory(
            at: folder.url.appendingPathComponent("logs"), withIntermediateDirectories: true)
        return scripts
    }
}
