import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Train every variant with seeds 1 to S and compare them with interval estimates.",
        discussion: """
            Each (variant, seed) run is what `cartpole train` with the same options writes, in DIR/runs/VARIANT/seed-S. \
            Writes DIR/compare.csv (one row per run), DIR/compare.md (per variant: IQM [95% CI], median, mean [95% CI], \
            runs whose final evaluation reaches the reward threshold, the frames from which they stay at it; also printed), DIR/compare.png (the IQM of the \
            evaluation return against frames with its 95% stratified-bootstrap band, the final IQM and mean as interval \
            estimates, and the performance profiles with their bands) and DIR/index.html, a report with a grid video of \
            the variants' agents (DIR/compare-grid.mp4). Instead of training: --emit-tasks writes the runs as shell lines, \
            --slurm writes Slurm batch scripts, --task DIR runs one run of a kept plan (an array job's task), and \
            --from DIR draws and tabulates the runs already in DIR.
            """)

    @Option(help: "NAME=V1,V2,...: a training option (or preset) and its values; repeat for all combinations.")
    var vary: [String] = []
    @Option(parsing: .unconditional, help: "Seeds per variant: runs use seeds 1 to S.")
    var seeds = 10
    @Option(parsing: .unconditional, help: "Runs trained at once (default: the number of cores).")
    var jobs: Int?

    @Option(help: "Folder for the runs and the comparison (created if missing).")
    var out = "videos/compare"
    @Option(
        help:
            "Write one `cartpole compare --task DIR --index I` line per run to this file (- for stdout), for GNU parallel or a scheduler, and train nothing."
    )
    var emitTasks: String?
    @Option(
        name: .customLong("from"),
        help: """
            Compare runs already made, training nothing. One folder alone: the runs/ of an earlier compare or of its \
            emitted tasks (outputs go there too). Several, each with a --label: every run folder (eval.csv), \
            Stable-Baselines3 monitor.csv or TensorBoard event file in each is a run of the variant of that label \
            (a monitor.csv and an event file of one training count once; outputs go to --out).
            """)
    var from: [String] = []
    @Flag(
        help: """
            Write the plan and two Slurm batch scripts into --out and train nothing: sweep.sbatch, an array job \
            of one task per run, and tabulate.sbatch, which compares the sweep when every task has ended. Prints \
            the two sbatch commands.
            """)
    var slurm = false
    @Option(parsing: .unconditional, help: "With --slurm: tasks running at once (the array's %P).")
    var slurmParallel = 32
    @Option(help: "With --slurm: the partition to run in (#SBATCH --partition).")
    var partition: String?
    @Option(help: "With --slurm: the account to charge (#SBATCH --account).")
    var account: String?
    @Option(
        parsing: .unconditionalSingleValue,
        help: "With --slurm: a further #SBATCH line for both scripts, e.g. --sbatch '--qos=short' (repeat).")
    var sbatch: [String] = []
    @Option(
        help: """
            Run one task of the plan kept in DIR (by --emit-tasks or an earlier compare): the run at --index, \
            trained unless DIR holds it complete already. For array jobs: one task per run.
            """)
    var task: String?
    @Option(
        parsing: .unconditional,
        help: """
            With --task: the run's index in the plan, from 0 (default: $SLURM_ARRAY_TASK_ID, \
            $JOB_COMPLETION_INDEX or $AWS_BATCH_JOB_ARRAY_INDEX, as array jobs set them).
            """)
    var index: Int?
    @Option(help: "The variant name of each --from folder, in order.")
    var label: [String] = []
    @Option(help: "With --label: read the CSV files in the --from folders as episode returns, from this column.")
    var returnColumn: String?
    @OptionGroup(title: "Training (the same for every run)") var training: TrainingOptions
    @OptionGroup(title: "Figures") var figures: FigureOptions
    @Flag(help: "Draw each run's evaluation curve, thin, under the IQM curves of compare.png.")
    var traces = false

    /// Refuses options of different modes together; the job checks the values.
    func validate() throws {
        func refuse(_ error: JobError) -> ValidationError { ValidationError(error.worded(optionName)) }
        if emitTasks != nil && !from.isEmpty {
            throw refuse(.excludes(setting: "emit-tasks", others: ["from"], reason: "it plans runs to make"))
        }
        if task != nil && (emitTasks != nil || !from.isEmpty || !vary.isEmpty) {
            throw refuse(
                .excludes(
                    setting: "task", others: ["emit-tasks", "from", "vary"], reason: "it runs one run of a kept plan"))
        }
        if index != nil && task == nil { throw refuse(.requires(settings: ["index"], other: "task")) }
        if slurm && (emitTasks != nil || !from.isEmpty || task != nil) {
            throw refuse(
                .excludes(
                    setting: "slurm", others: ["emit-tasks", "from", "task"],
                    reason: "it writes batch scripts for a new plan"))
        }
        if !slurm && (partition != nil || account != nil || !sbatch.isEmpty) {
            throw refuse(.requires(settings: ["partition", "account", "sbatch"], other: "slurm"))
        }
        if !label.isEmpty && label.count != from.count {
            throw ValidationError("give one --label per --from (got \(from.count) --from and \(label.count) --label)")
        }
    }

    func run() throws {
        var job = CompareJob()
        job.training = training.given
        job.preset = try training.preset.map(TrainingPreset.named)
        job.vary = vary
        job.seeds = seeds
        if let jobs { job.jobs = jobs }
        job.figures = try figures.output
        job.drawsRuns = traces
        job.report = { Console.message($0.worded(optionName)) }
        let interrupts = Interrupts()
        interrupts.install()
        let context = JobContext.cli(interrupts)
        if let task {
            return try runTask(in: task, context: context, interrupts: interrupts)
        } else if slurm {
            var options = CompareJob.SlurmOptions()
            (options.parallel, options.partition, options.account) = (slurmParallel, partition, account)
            options.extraLines = sbatch
            let scripts = try job.writeSlurmScripts(
                in: out, options: options, executable: Platform.executablePath, context: context)
            Console.result(
                "\(scripts.plan.runs.count) tasks, \(scripts.memoryMiB) MiB and \(scripts.minutes) minutes each, at most \(slurmParallel) at once: "
                    + URL(fileURLWithPath: out).appendingPathComponent(SlurmScripts.sweepName).path)
            Console.result("submit with:")
            for line in scripts.submission() { Console.result("  " + line) }
        } else if from.count > 1 || !label.isEmpty {
            let labels = label.isEmpty ? from.map { _ in nil } : label.map(Optional.some)
            let compared = try job.compare(
                labelled: zip(from, labels).map { ($0, $1) }, returnColumn: returnColumn,
                environment: try training.env.map(EnvironmentID.validatingForCLI), in: out, context: context)
            report(compared.comparison, environment: compared.environment, of: job, in: URL(fileURLWithPath: out))
        } else if let emitTasks {
            let emitted = try job.emitTasks(
                in: out, to: emitTasks == "-" ? nil : emitTasks, executable: Platform.executablePath, context: context)
            if emitTasks == "-" {
                Console.result(emitted.lines, terminator: "")
                try Console.checkResultsDelivered()
                Console.message("\(emitted.plan.runs.count) tasks written to standard output; then: " + emitted.then)
            } else {
                Console.result("\(emitted.plan.runs.count) tasks: \(emitTasks)")
                Console.result("then: " + emitted.then)
            }
        } else {
            try compare(job, context: context, interrupts: interrupts)
        }
    }

    /// Trains what is missing and compares, or with one --from compares what its folder holds.
    private func compare(_ job: CompareJob, context: JobContext, interrupts: Interrupts) throws {
        let tabulating = !from.isEmpty
        let folder = URL(fileURLWithPath: tabulating ? ComparisonPlan.comparisonFolder(named: from[0]) : out)
        let runsFolder = folder.appendingPathComponent(RunFolder.comparisonRuns).relativePath
        var job = job
        job.starting = { Console.message(job.startingMessage(reused: $0, plan: $1, runsFolder: runsFolder)) }
        let compared = tabulating ? try job.tabulate(from[0], context: context) : try job.run(in: out, context: context)
        if compared.interrupted {
            Console.message(
                "interrupted: finished runs are kept in \(runsFolder), interrupted ones marked so; "
                    + "no comparison written (run the same compare again to finish it)")
            throw ExitCode(interrupts.exitStatus)
        }
        let unfinished = compared.unfinished
        if tabulating && !unfinished.isEmpty {
            for line in compared.unfinishedReport(folder: folder, executable: Platform.executablePath) {
                Console.message(line.worded(optionName))
            }
        }
        if let failure = compared.failure { throw failure }
        if let comparison = compared.comparison {
            report(comparison, environment: compared.environment, of: job, in: folder)
        }
        if !unfinished.isEmpty {
            Console.message(
                "\(unfinished.count) of \(compared.plan.runs.count) runs \(tabulating ? "are not finished" : "failed"); the comparison has the others"
            )
            throw ExitCode(1)
        }
    }

    /// `--task DIR`: the run of DIR's plan at `--index` (or the array job's index), unless complete already.
    private func runTask(in path: String, context: JobContext, interrupts: Interrupts) throws {
        let (task, outcome) = try CompareJob.runTask(
            in: path, index: index, environment: ProcessInfo.processInfo.environment, context: context)
        let run = task.run
        let name = "task \(task.index) (\(run.variant) seed \(run.seed))"
        switch outcome {
        case .alreadyComplete:
            Console.result("\(name): complete already in \(run.folder.relativePath); nothing to do")
        case .trained(let result):
            guard let finished = result.run else {
                Console.message("\(name) \(result.failure?.worded(optionName) ?? "failed")")
                throw ExitCode(interrupts.requested ? interrupts.exitStatus : 1)
            }
            Console.result(
                String(
                    format: "%@: final evaluation mean %.1f, in %@", name, finished.finalMean, run.folder.relativePath))
        }
    }

    /// Prints the table and the paths of the files `job` wrote into `folder`.
    private func report(_ comparison: RunComparison, environment: EnvironmentID, of job: CompareJob, in folder: URL) {
        Console.result(CompareOutputs(comparison: comparison, environment: environment).markdown)
        for name in job.comparisonFiles { Console.result("\(name): \(folder.appendingPathComponent(name).path)") }
    }
}
