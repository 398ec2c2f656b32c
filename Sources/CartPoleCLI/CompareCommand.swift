import Agent
import ArgumentParser
import CartPoleKit
import Dispatch
import Foundation
import OutputFiles
import Synchronization

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

    @Option(help: "A training option and its values, NAME=V1,V2,... (repeat to vary several; all combinations run).")
    var vary: [String] = []
    @Option(parsing: .unconditional, help: "Seeds per variant: runs use seeds 1 to S.")
    var seeds = 10
    @Option(parsing: .unconditional, help: "Runs trained at once (default: the number of cores).")
    var jobs: Int?

    /// `--jobs`, or the number of cores.
    var runsAtOnce: Int { jobs ?? ProcessInfo.processInfo.activeProcessorCount }
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

    func validate() throws {
        try validateOutputFolder(out)
        guard (1...10000).contains(seeds) else {
            throw ValidationError("--seeds must be between 1 and 10000 (got \(seeds))")
        }
        if let jobs {
            guard (1...1024).contains(jobs) else {
                throw ValidationError("--jobs must be between 1 and 1024 (got \(jobs))")
            }
        }
        guard training.given["seed"] == nil else {
            throw ValidationError(
                "compare trains every variant with seeds 1 to --seeds; give --seeds instead of --seed")
        }
        guard emitTasks == nil || from.isEmpty else {
            throw ValidationError("--emit-tasks and --from do not go together")
        }
        guard task == nil || (emitTasks == nil && from.isEmpty && vary.isEmpty) else {
            throw ValidationError("--task runs one run of a kept plan; it takes no --emit-tasks, --from or --vary")
        }
        guard index == nil || task != nil else { throw ValidationError("--index goes with --task DIR") }
        guard !slurm || (emitTasks == nil && from.isEmpty && task == nil) else {
            throw ValidationError(
                "--slurm writes batch scripts for a new plan; it takes no --emit-tasks, --from or --task")
        }
        guard slurm || (partition == nil && account == nil && sbatch.isEmpty) else {
            throw ValidationError("--partition, --account and --sbatch go with --slurm")
        }
        guard (1...100_000).contains(slurmParallel) else {
            throw ValidationError("--slurm-parallel must be between 1 and 100000 (got \(slurmParallel))")
        }
        do {
            if let partition { try SlurmScripts.check(partition, as: "partition") }
            if let account { try SlurmScripts.check(account, as: "account") }
            for line in sbatch { try SlurmScripts.check(line, as: "sbatch") }
        } catch { throw ValidationError(error.worded(optionName)) }
        if let emitTasks, emitTasks != "-" {
            guard !emitTasks.isEmpty else {
                throw ValidationError("--emit-tasks is empty; name a file, or - for standard output")
            }
            do { try AtomicFile.checkReplaceable(URL(fileURLWithPath: emitTasks)) } catch {
                throw ValidationError(
                    "--emit-tasks \(emitTasks) exists and is not a regular file (a device, FIFO, socket or folder); name a file, or - for standard output"
                )
            }
        }
        guard label.isEmpty || label.count == from.count else {
            throw ValidationError("give one --label per --from (got \(from.count) --from and \(label.count) --label)")
        }
        if let long = label.first(where: { !ComparisonPlan.isLabel($0) }) {
            throw ValidationError(
                "--label '\(MessageText.shown(long))' must be one line of at most \(ComparisonPlan.longestLabel) characters, without control characters"
            )
        }
        guard Set(label).count == label.count else {
            throw ValidationError("each --label must name a different variant")
        }
        let plan: ComparisonPlan
        // Each variant once (seed 1): what could be wrong is the same for every seed.
        do { plan = try self.plan(in: URL(fileURLWithPath: out), seeds: 1) } catch {
            throw ValidationError(error.worded(optionName))
        }
        if emitTasks == nil && from.isEmpty && task == nil && !slurm {
            // Up to --jobs runs train at once; the largest variant sizes the check.
            for run in plan.runs where run.seed == 1 {
                try AvailableRAM.check(run.configuration, runs: min(runsAtOnce, plan.runs.count * seeds))
            }
        }
    }

    /// The runs these options plan, into `folder`.
    func plan(in folder: URL, seeds: Int? = nil) throws(AgentError) -> ComparisonPlan {
        let base: TrainingConfiguration
        do { base = try training.configuration } catch { throw .invalidValue("\(error)") }
        return try ComparisonPlan(base: base, vary: vary, seeds: seeds ?? self.seeds, folder: folder)
    }

    /// The options by name, as the manifest records them.
    var optionValues: [String: String] {
        (try! training.configuration).settingValues.merging(["vary": vary.joined(separator: " "), "seeds": "\(seeds)"])
        { $1 }
    }

    func run() throws {
        if let task { return try runTask(in: task) }
        if slurm { return try writeSlurmScripts() }
        if from.count > 1 || !label.isEmpty { return try compareLabelled() }
        if let emitTasks { return try emit(to: emitTasks) }
        let tabulating = !from.isEmpty
        let folder = try openResultFolder(
            tabulating ? ComparisonPlan.comparisonFolder(named: from[0]) : out, command: "compare",
            outputs: CompareWorkflow.outputs)
        let planned = try plan(in: folder.url)
        if !tabulating { try planned.checkKeepsTheRuns(in: folder.url) }
        let plan =
            tabulating
            ? try ComparisonPlan.tabulated(in: folder.url, planned: planned, explicit: !vary.isEmpty) : planned
        let interrupts = Interrupts()
        interrupts.install()
        var workflow = CompareWorkflow(plan: plan)
        workflow.trains = !tabulating
        workflow.jobs = runsAtOnce
        workflow.version = CartPoleCommand.configuration.version
        workflow.arguments = Array(CommandLine.arguments.dropFirst())
        workflow.shouldStop = { interrupts.requested }
        workflow.figures = try figures.output
        workflow.drawsRuns = traces
        workflow.report = { Console.message(AgentError.word($0, optionName)) }
        let runsFolder = folder.url.appendingPathComponent(RunFolder.comparisonRuns).relativePath
        workflow.starting = { reused in
            Console.message(
                reused > 0
                    ? "reusing \(reused) finished run(s) of \(plan.runs.count) with the same options in \(runsFolder); "
                        + "training \(plan.runs.count - reused)"
                    : "training \(plan.runs.count) runs (\(plan.variants.count) variant(s) x \(plan.runs.count / max(plan.variants.count, 1)) "
                        + "seeds), \(min(runsAtOnce, plan.runs.count)) at once, into \(runsFolder)")
        }
        let result = try workflow.run(into: folder)
        if result.interrupted {
            try folder.commit(settings: optionValues, interrupted: true)
            Console.message(
                "interrupted: finished runs are kept in \(runsFolder), interrupted ones marked so; "
                    + "no comparison written (run the same compare again to finish it)")
            throw ExitCode(interrupts.exitStatus)
        }
        let unfinished = result.unfinished
        if tabulating && !unfinished.isEmpty {
            listUnfinished(unfinished, of: plan.runs.count)
            let indices = ArrayIndices.syntax(result.runs.indices.filter { result.runs[$0].run == nil })
            let script = folder.url.appendingPathComponent(SlurmScripts.sweepName)
            Console.message(
                FileManager.default.fileExists(atPath: script.path)
                    ? "tasks to run again: \(indices); on Slurm: "
                        + ShellWord.line(["sbatch", "--array=\(indices)", script.path])
                    : "tasks to run again: \(indices); for each index I: "
                        + ShellWord.line([Platform.executablePath, "compare", "--task", folder.url.path, "--index"])
                        + " I")
        }
        guard let comparison = result.comparison else {
            throw ValidationError(
                tabulating
                    ? "none of the \(plan.runs.count) planned runs is finished yet; nothing to compare"
                    : "no finished run with evaluations to compare (training needs --eval-every above 0)")
        }
        try folder.commit(
            settings: optionValues.merging(try figures.output.settings) { $1 }.merging(["traces": "\(traces)"]) { $1 })
        report(comparison, environment: workflow.environment, in: folder.url)
        if !unfinished.isEmpty {
            Console.message(
                "\(unfinished.count) of \(plan.runs.count) runs \(tabulating ? "are not finished" : "failed"); the comparison has the others"
            )
            throw ExitCode(1)
        }
    }

    /// Names the planned runs that are not finished, the first 20 one by one and the rest by reason.
    private func listUnfinished(_ unfinished: [CompareRunner.Result], of total: Int) {
        func why(_ result: CompareRunner.Result) -> String { AgentError.word(result.failure ?? "", optionName) }
        Console.message("\(unfinished.count) of \(total) planned runs are not finished and are left out:")
        for result in unfinished.prefix(20) {
            Console.message("  \(result.task.folder.relativePath): \(why(result))")
        }
        guard unfinished.count > 20 else { return }
        let reasons = Dictionary(grouping: unfinished.dropFirst(20)) { why($0).prefix { $0 != "(" } }
        Console.message(
            "  and \(unfinished.count - 20) more: "
                + reasons.sorted { $0.key < $1.key }
                .map { "\($0.value.count) \($0.key.trimmingCharacters(in: .whitespaces))" }.joined(separator: ", "))
    }

    /// The compare folder that `--from PATH` means: PATH, or its parent when PATH is that folder's runs/.
    /// `--from A --label a --from B --label b ...`: each folder's runs are one variant, named by its label.
    private func compareLabelled() throws {
        let given = try training.env.map(EnvironmentID.validatingForCLI)
        let labels = label.isEmpty ? from.map { URL(fileURLWithPath: $0).lastPathComponent } : label
        let folder = try openResultFolder(out, command: "compare", outputs: CompareWorkflow.outputs)
        let compared: (comparison: RunComparison, environment: EnvironmentID)
        do {
            compared = try CompareWorkflow.compare(
                zip(from.map { URL(fileURLWithPath: $0) }, labels).map { ($0, $1) }, returnColumn: returnColumn,
                window: max(try training.configuration.evalEvery, 1), environment: given,
                figures: try figures.output, drawsRuns: traces, into: folder.staging, note: Console.message)
        } catch let error as RunDiscoveryError {
            throw CommandFailure(description: "--from \(error)")
        }
        try folder.commit(
            settings: optionValues.merging([
                "from": from.joined(separator: "\n"), "label": labels.joined(separator: "\n"),
                "env": compared.environment.rawValue,
                "traces": "\(traces)",
            ]) { $1 }.merging(try figures.output.settings) { $1 })
        report(compared.comparison, environment: compared.environment, in: folder.url)
    }

    /// Prints the table and the paths of compare.csv, compare.md, the figure's files and the report in `folder`.
    private func report(_ comparison: RunComparison, environment: EnvironmentID, in folder: URL) {
        Console.result(CompareOutputs(comparison: comparison, environment: environment).markdown)
        let figures = ((try? self.figures.output) ?? .png).withPNG.formats.map { "compare.\($0.fileExtension)" }
        for name in ["compare.csv", "compare.md"] + figures + [CompareReport.fileName] {
            Console.result("\(name): \(folder.appendingPathComponent(name).path)")
        }
    }
}
