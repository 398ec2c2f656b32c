import Agent
import Foundation
import OutputFiles

/// `cartpole compare`: runs of the same training settings, some varied, with seeds 1 to `seeds`,
/// compared with interval estimates in a result folder whose manifest records every setting. Its modes are
/// entry points: `run` trains what is missing and compares, `tabulate` compares the runs a folder holds,
/// `compare(labelled:…)` the runs of other folders, `emitTasks` and `writeSlurmScripts` plan the runs for
/// other machines, and `runTask` trains one run of a kept plan.
public struct CompareJob {
    /// Training settings by name, the same for every run; not the seed (runs use 1 to `seeds`).
    public var training: [String: String] = [:]
    /// The chapter every run trains as (`training` written over its settings), unless `vary` varies it.
    public var preset: TrainingPreset?
    /// `NAME=V1,V2,...` for any training setting but the seed, or `preset=P1,P2,...`; every combination is a
    /// variant.
    public var vary: [String] = []
    /// Runs per variant, with seeds 1 to `seeds`.
    public var seeds = 10
    /// Runs trained at once.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// How compare's figure is written (PNG always, which the report shows).
    public var figures = FigureOutput.png
    /// Each run's evaluation curve, thin, under the IQM curves.
    public var drawsRuns = false
    /// Hears, before training, how many planned runs were finished already (and are reused).
    public var starting: (_ reused: Int, _ plan: ComparisonPlan) -> Void = { _, _ in }
    /// What `starting` tells: the runs reused, or the runs to train and how many at once, into `runsFolder`.
    public func startingMessage(reused: Int, plan: ComparisonPlan, runsFolder: String) -> String {
        reused > 0
            ? "reusing \(reused) finished run(s) of \(plan.runs.count) with the same options in \(runsFolder); "
                + "training \(plan.runs.count - reused)"
            : "training \(plan.runs.count) runs (\(plan.variants.count) variant(s) x \(plan.seeds) seeds), "
                + "\(min(jobs, plan.runs.count)) at once, into \(runsFolder)"
    }

    /// Hears each run's failure and the report's warnings.
    public var report: @Sendable (SettingText) -> Void = { _ in }

    /// The command its manifest names.
    public static let command = "compare"

    /// A comparison of the default training, no variation, seeds 1 to 10.
    public init() {}

    /// The settings every run shares, each checked.
    public var base: TrainingConfiguration {
        get throws(JobError) {
            do { return try TrainingPreset.configuration(preset, training) } catch {
                throw .agent(error)
            }
        }
    }

    /// Refuses, before any output, values that plan no comparison.
    public func validate() throws(JobError) {
        try JobChecks.range(seeds, 1...10000, "seeds")
        try JobChecks.range(jobs, 1...1024, "jobs")
        guard training["seed"] == nil else {
            throw .value(
                setting: "seed",
                problem: "is not taken: compare trains every variant with seeds 1 to \(setting: "seeds")")
        }
        // Each variant once (seed 1): what could be wrong is the same for every seed.
        for run in try plan(in: URL(fileURLWithPath: "."), seeds: 1).runs {
            do { try run.configuration.validate() } catch { throw .agent(error) }
        }
        try JobChecks.kernels()
    }

    /// The runs these settings plan, into `folder`.
    public func plan(in folder: URL, seeds: Int? = nil) throws(JobError) -> ComparisonPlan {
        do {
            return try ComparisonPlan(
                given: training, preset: preset, vary: vary, seeds: seeds ?? self.seeds, folder: folder)
        } catch {
            throw .agent(error)
        }
    }

    /// The files a comparison writes, by name: compare.csv, compare.md, the figure's files and the report.
    public var comparisonFiles: [String] {
        ["compare.csv", "compare.md"] + figures.withPNG.formats.map { "compare.\($0.fileExtension)" }
            + [CompareReport.fileName]
    }

    /// What the manifest records: every training setting, the variations and the seeds.
    public var settings: [String: String] {
        ((try? base) ?? TrainingConfiguration()).settingValues.merging([
            "vary": vary.joined(separator: " "), "seeds": "\(seeds)", "preset": preset?.name ?? "",
        ]) { $1 }
    }

    /// Trains every planned run that the folder at `path` does not hold finished, and compares them.
    /// Stopped by the context, it keeps the finished runs and commits no comparison.
    public func run(in path: String, context: JobContext) throws -> Compared {
        try validate()
        // Up to `jobs` runs train at once; the largest variant sizes the check.
        let variants = try plan(in: URL(fileURLWithPath: path), seeds: 1).runs
        for run in variants { try MemoryCheck.check(run.configuration, runs: min(jobs, variants.count * seeds)) }
        let (folder, plan) = try openPlanned(path, context: context)
        return try compare(plan, trains: true, into: folder, context: context)
    }

    /// The comparison folder at `path`, opened, and the plan of these settings in it; refused when the
    /// folder holds runs that the plan would not keep.
    func openPlanned(_ path: String, context: JobContext) throws -> (folder: RunFolder, plan: ComparisonPlan) {
        let folder = try RunFolder.open(path, command: Self.command, outputs: CompareWorkflow.outputs, context: context)
        let plan = try plan(in: folder.url)
        try plan.checkKeepsTheRuns(in: folder.url)
        return (folder, plan)
    }

    /// Compares the runs that the comparison folder `path` (or its runs/ folder) holds, training nothing;
    /// the plan kept there is used unless `vary` is given.
    public func tabulate(_ path: String, context: JobContext) throws -> Compared {
        try validate()
        let folder = try RunFolder.open(
            ComparisonPlan.comparisonFolder(named: path), command: Self.command, outputs: CompareWorkflow.outputs,
            context: context)
        let plan = try ComparisonPlan.tabulated(
            in: folder.url, planned: try self.plan(in: folder.url), explicit: !vary.isEmpty)
        return try compare(plan, trains: false, into: folder, context: context)
    }

    private func compare(_ plan: ComparisonPlan, trains: Bool, into folder: RunFolder, context: JobContext) throws
        -> Compared
    {
        var workflow = CompareWorkflow(plan: plan)
        workflow.trains = trains
        workflow.jobs = jobs
        workflow.version = context.version
        workflow.arguments = context.arguments
        workflow.shouldStop = context.shouldStop
        workflow.figures = figures
        workflow.drawsRuns = drawsRuns
        workflow.report = report
        workflow.starting = { starting($0, plan) }
        let result = try workflow.run(into: folder)
        let compared = Compared(
            plan: plan, runs: result.runs, comparison: result.comparison, environment: workflow.environment,
            interrupted: result.interrupted, trained: trains)
        if result.interrupted {
            try folder.commit(settings: settings, interrupted: true, context: context)
            return compared
        }
        guard result.comparison != nil else { return compared }
        try folder.commit(
            settings: settings.merging(figures.settings) { $1 }.merging(["traces": "\(drawsRuns)"]) { $1 },
            context: context)
        return compared
    }
}
