import Agent
import ArgumentParser
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
        runs that reach the reward threshold, frames to reach it; also printed) and DIR/compare.png (the IQM of the \
        evaluation return against frames with its 95% stratified-bootstrap band, the final scores with intervals, and \
        the performance profile). --emit-tasks writes the runs as shell lines for a scheduler instead of training; \
        --from DIR draws and tabulates runs already in DIR without training.
        """)

    @Option(help: "A training option and its values, NAME=V1,V2,... (repeat to vary several; all combinations run).")
    var vary: [String] = []
    @Option(parsing: .unconditional, help: "Seeds per variant: runs use seeds 1 to S.")
    var seeds = 10
    @Option(parsing: .unconditional, help: "Runs trained at once (default: the number of cores).")
    var jobs = ProcessInfo.processInfo.activeProcessorCount
    @Option(help: "Folder for the runs and the comparison (created if missing).")
    var out = "videos/compare"
    @Option(help: "Write one `cartpole train` command per run to this file, for GNU parallel, xargs -P, a Slurm array..., and train nothing.")
    var emitTasks: String?
    @Option(name: .customLong("from"), help: """
        Compare runs already made, training nothing. One folder alone: the runs/ of an earlier compare or of its \
        emitted tasks (outputs go there too). Several, each with a --label: every run folder (eval.csv) or \
        Stable-Baselines3 monitor.csv in each is a run of the variant of that label (outputs go to --out).
        """)
    var from: [String] = []
    @Option(help: "The variant name of each --from folder, in order.")
    var label: [String] = []
    @Option(help: "With --label: read the CSV files in the --from folders as episode returns, from this column.")
    var returnColumn: String?
    @OptionGroup(title: "Training (the same for every run)") var training: TrainingOptions

    func validate() throws {
        guard (1...10000).contains(seeds) else { throw ValidationError("--seeds must be between 1 and 10000 (got \(seeds))") }
        guard (1...1024).contains(jobs) else { throw ValidationError("--jobs must be between 1 and 1024 (got \(jobs))") }
        guard emitTasks == nil || from.isEmpty else { throw ValidationError("--emit-tasks and --from do not go together") }
        guard label.isEmpty || label.count == from.count else {
            throw ValidationError("give one --label per --from (got \(from.count) --from and \(label.count) --label)")
        }
        guard Set(label).count == label.count else { throw ValidationError("each --label must name a different variant") }
        let plan = try ComparePlan(base: training, vary: vary, seeds: seeds, folder: URL(fileURLWithPath: out))
        if emitTasks == nil && from.isEmpty {
            // Up to --jobs runs train at once; the largest variant sizes the check.
            for task in plan.tasks where task.seed == 1 {
                try MachineMemory.check(try task.options.configuration, runs: min(jobs, plan.tasks.count))
            }
        }
    }

    func run() throws {
        if from.count > 1 || !label.isEmpty { return try compareLabelled() }
        let folder = try prepareOutputFolder(from.first ?? out)
        let plan = try ComparePlan(base: training, vary: vary, seeds: seeds, folder: folder)
        if let emitTasks {
            let executable = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
            let lines = plan.tasks.map { ComparePlan.command($0, executable: executable) + "\n" }.joined()
            try AtomicFile.write(Data(lines.utf8), to: URL(fileURLWithPath: emitTasks))
            print("\(plan.tasks.count) tasks: \(emitTasks)")
            print("then: \(executable) compare --from \(folder.path)" + (vary.isEmpty ? "" : " " + vary.map { "--vary \($0)" }.joined(separator: " "))
                + " --seeds \(seeds)")
            return
        }
        let environment = try EnvironmentID.validatingForCLI(training.env)
        let results: [CompareRunner.Result]
        if !from.isEmpty {
            results = CompareRunner.load(plan)
            let missing = results.filter { $0.run == nil }
            if !missing.isEmpty {
                Console.message("\(missing.count) of \(plan.tasks.count) expected runs are missing or incomplete:")
                for result in missing { Console.message("  \(result.task.folder.path): \(result.failure ?? "no eval.csv")") }
            }
        } else {
            let interrupts = Interrupts()
            interrupts.install()
            results = CompareRunner(jobs: jobs, interrupts: interrupts).run(plan)
            if interrupts.requested {
                Console.message("interrupted: finished runs are kept in \(folder.appendingPathComponent("runs").path); no comparison written")
                throw ExitCode(interrupts.exitStatus)
            }
        }
        let runs = results.compactMap(\.run)
        guard !runs.isEmpty else { throw ValidationError("no run with evaluations to compare (training needs --eval-every above 0)") }
        let comparison = RunComparison(runs: runs, order: plan.variants, threshold: environment.rewardThreshold)
        try report(comparison, environment: environment, into: folder)
        let failed = results.filter { $0.run == nil }.count
        if failed > 0 {
            Console.message("\(failed) of \(plan.tasks.count) runs \(from.isEmpty ? "failed" : "are missing"); the comparison has the others")
            throw ExitCode(1)
        }
    }

    /// `--from A --label a --from B --label b ...`: each folder's runs are one variant, named by its label.
    private func compareLabelled() throws {
        let environment = try EnvironmentID.validatingForCLI(training.env)
        let labels = label.isEmpty ? from.map { URL(fileURLWithPath: $0).lastPathComponent } : label
        var runs: [RunComparison.Run] = []
        for (folder, name) in zip(from, labels) {
            runs += try RunDiscovery.runs(in: URL(fileURLWithPath: folder), label: name, window: max(training.evalEvery, 1),
                                          returnColumn: returnColumn)
        }
        let folder = try prepareOutputFolder(out)
        let comparison = RunComparison(runs: runs, order: labels, threshold: environment.rewardThreshold)
        try report(comparison, environment: environment, into: folder)
    }

    /// Writes compare.csv, compare.md and compare.png into `folder` and prints the table and the paths.
    private func report(_ comparison: RunComparison, environment: EnvironmentID, into folder: URL) throws {
        let outputs = CompareOutputs(comparison: comparison, environment: environment)
        try outputs.write(into: folder)
        print(outputs.markdown)
        for name in ["compare.csv", "compare.md", "compare.png"] { print("\(name): \(folder.appendingPathComponent(name).path)") }
    }
}
