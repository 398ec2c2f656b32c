import Agent
import Foundation
import OutputFiles

/// A sweep as Slurm runs it: `sweep.sbatch`, an array job of one task per run of the plan (each task is
/// `cartpole compare --task DIR`, which finds its run by `SLURM_ARRAY_TASK_ID`), and `tabulate.sbatch`,
/// which compares the sweep once every task has ended (submitted with `--dependency=afterany:`). Each task
/// asks for one CPU, the memory the largest run's footprint needs and a time limit from the measured speed
/// with a margin; the tasks' output goes to DIR/logs.
public struct SlurmScripts {
    /// The array job of one task per run.
    public static let sweepName = "sweep.sbatch"
    /// The job that compares the sweep when every task has ended.
    public static let tabulateName = "tabulate.sbatch"

    /// The runs the sweep makes.
    public let plan: ComparisonPlan
    /// The compare folder as the cluster's nodes see it (absolute), and the program they run.
    public let folder: String
    /// The cartpole the tasks run.
    public let executable: String
    /// Tasks running at once (`--array=0-N%P`).
    public var concurrency = 32
    /// Passed through as `#SBATCH --partition=` and `--account=`, and further `#SBATCH` lines as given.
    public var partition: String?
    /// The account to charge (#SBATCH --account).
    public var account: String?
    /// Further #SBATCH lines for both scripts.
    public var extraLines: [String] = []
    /// Seconds a training frame takes on this machine (measured by `measureSecondsPerFrame`).
    package var secondsPerFrame: Double

    package init(plan: ComparisonPlan, folder: String, executable: String, secondsPerFrame: Double) {
        self.plan = plan
        self.folder = folder
        self.executable = executable
        self.secondsPerFrame = secondsPerFrame
    }

    /// Refuses a value that would end a line or start another in a batch script.
    package static func check(_ value: String, as name: String) throws(AgentError) {
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7F }) else {
            throw .invalidValue(
                "\(setting: name) '\(MessageText.shown(value))' is empty or holds a control character; it would break the batch script"
            )
        }
    }

    /// The memory one task asks for, in MiB: the largest run's footprint and the process itself, with a
    /// quarter more.
    public var memoryMiB: Int {
        let largest = plan.runs.map { TrainingFootprint($0.configuration).bytes }.max() ?? 0
        let bytes = Double(largest) * 1.25 + 256 * 1_048_576
        return Int((bytes / 1_048_576).rounded(.up))
    }

    /// The time one task may take, in minutes: three times the measured time of the longest run, and two
    /// minutes to start and write.
    public var minutes: Int {
        let frames = plan.runs.map(\.configuration.frames).max() ?? 0
        return Int((Double(frames) * secondsPerFrame * 3 / 60).rounded(.up)) + 2
    }

    func header(_ name: String, output: String) -> [String] {
        ["#!/bin/bash", "#SBATCH --job-name=\(name)"]
            + [partition.map { "#SBATCH --partition=\($0)" }, account.map { "#SBATCH --account=\($0)" }].compactMap {
                $0
            }
            + ["#SBATCH --cpus-per-task=1", "#SBATCH --output=\(output)", "#SBATCH --error=\(output)"]
    }

    /// sweep.sbatch's text.
    public var sweep: String {
        let last = plan.runs.count - 1
        let lines =
            header("cartpole-sweep", output: "\(folder)/logs/task-%a.out")
            + [
                "#SBATCH --array=0-\(last)%\(max(1, concurrency))", "#SBATCH --mem=\(memoryMiB)M",
                "#SBATCH --time=\(minutes)",
            ] + extraLines.map { "#SBATCH \($0)" }
            + [
                "# One run of the plan in \(folder) per task, found by SLURM_ARRAY_TASK_ID; a run complete already is left alone.",
                "exec " + ShellWord.line([executable, "compare", "--task", folder]),
            ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// tabulate.sbatch's text.
    public var tabulate: String {
        let lines =
            header("cartpole-tabulate", output: "\(folder)/logs/tabulate.out")
            + ["#SBATCH --mem=1024M", "#SBATCH --time=30"] + extraLines.map { "#SBATCH \($0)" }
            + [
                "# Compares what the sweep's tasks left (it names the tasks to run again, if any).",
                "exec " + ShellWord.line([executable, "compare", "--from", folder]),
            ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Writes both scripts, and the logs folder the tasks write to, into `staging`.
    package func write(into staging: URL) throws {
        try AtomicFile.write(Data(sweep.utf8), to: staging.appendingPathComponent(Self.sweepName))
        try AtomicFile.write(Data(tabulate.utf8), to: staging.appendingPathComponent(Self.tabulateName))
    }

    /// The commands that submit the sweep and its tabulation, for a shell.
    public func submission() -> [String] {
        [
            "job=$(sbatch --parsable " + ShellWord.quoted("\(folder)/\(Self.sweepName)") + ")",
            "sbatch --dependency=afterany:${job%%;*} " + ShellWord.quoted("\(folder)/\(Self.tabulateName)"),
        ]
    }

    /// Seconds per frame of training `configuration` here, from a short stretch of it (at least the frames
    /// that fill a batch and a few hundred updates).
    package static func measureSecondsPerFrame(_ configuration: TrainingConfiguration) throws -> Double {
        var sample = configuration
        sample.frames = min(configuration.frames, configuration.batchSize + 500)
        let agent = try DQNAgent(configuration: sample)
        let clock = ContinuousClock()
        let start = clock.now
        while !agent.isFinished { agent.step() }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        return seconds / Double(max(sample.frames, 1))
    }
}
