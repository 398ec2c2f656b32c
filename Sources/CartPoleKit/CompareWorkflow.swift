import Agent
import FileFormats
import Foundation
import OutputFiles

/// What `compare` does with a plan: trains the runs its folder does not hold finished (or, tabulating,
/// only reads them), then compares the finished ones with interval estimates in compare.csv, compare.md
/// and compare.png, and keeps the plan beside them as plan.json.
package struct CompareWorkflow {
    package let plan: ComparisonPlan
    package let environment: EnvironmentID
    /// False: train nothing, compare the runs that are finished.
    package var trains = true
    /// Runs trained at once.
    package var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// The tool's version and command line, for each run's manifest.
    package var version = ""
    package var arguments: [String] = []
    /// Asked between frames and before each run; true stops every training, keeping what each learned.
    package var shouldStop: @Sendable () -> Bool = { false }
    /// Hears how many runs are finished already, before any training.
    package var starting: (_ finished: Int) -> Void = { _ in }
    /// Hears a line as each run ends: "[k/n] variant seed s: ...".
    package var report: @Sendable (SettingText) -> Void = { _ in }
    /// How compare's figure is written (compare.png always, which the report shows).
    package var figures = FigureOutput.png
    /// compare.png draws each run's curve under the IQM curves.
    package var drawsRuns = false

    /// The environment is the plan's runs' (a kept plan's, when tabulating, whatever the options say now).
    package init(plan: ComparisonPlan) {
        self.plan = plan
        environment = plan.runs.first?.configuration.environment ?? .v0
    }

    package struct Result {
        /// Every planned run, finished or with why not, in the plan's order.
        package let runs: [CompareRunner.Result]
        /// The comparison written, or nil when no run is finished or the training was stopped.
        package let comparison: RunComparison?
        package let interrupted: Bool
        package var unfinished: [CompareRunner.Result] { runs.filter { $0.run == nil } }
    }

    /// What compare writes into its folder; the runs below runs/ are result folders of their own.
    package static let outputs =
        [
            "compare.csv", "compare.md", ComparisonPlan.fileName, CompareReport.fileName, CompareReport.videoName,
        ] + FigureOutput.names("compare") + keptScripts

    /// Files of the plan that a comparison keeps as they are: the batch scripts a sweep was submitted with.
    package static let keptScripts = [SlurmScripts.sweepName, SlurmScripts.tabulateName]

    /// Saves the plan into `folder`'s staging, trains what is missing and writes the comparison there.
    package func run(into folder: RunFolder) throws -> Result {
        try plan.save(in: folder)
        for name in Self.keptScripts
        where FileManager.default.fileExists(atPath: folder.url.appendingPathComponent(name).path) {
            try AtomicFile.write(
                Data(contentsOf: folder.url.appendingPathComponent(name)),
                to: folder.staging.appendingPathComponent(name))
        }
        let planned = Array(plan.runs)
        var results = CompareRunner.load(planned)
        if trains {
            starting(results.filter { $0.run != nil }.count)
            let runner = CompareRunner(
                jobs: jobs, version: version, arguments: arguments, shouldStop: shouldStop, report: report)
            results = runner.run(planned, done: results)
            if shouldStop() { return Result(runs: results, comparison: nil, interrupted: true) }
        }
        let finished = results.compactMap(\.run)
        guard !finished.isEmpty else { return Result(runs: results, comparison: nil, interrupted: false) }
        let comparison = RunComparison(runs: finished, order: plan.variants, threshold: environment.rewardThreshold)
        let outputs = CompareOutputs(comparison: comparison, environment: environment, drawsRuns: drawsRuns)
        try outputs.write(into: folder.staging, figures: figures)
        // The report: each variant's median run plays in the grid; every finished run is linked.
        let done = results.filter { $0.run != nil }
        let runs = done.map { result in
            CompareReport.Run(
                variant: result.task.variant, seed: result.task.seed,
                folder: FolderListing.path(of: result.task.folder, relativeTo: folder.url))
        }
        // A variant whose run has no readable agent (its eval.csv is all a comparison needs) plays no tile.
        let agents = plan.variants.compactMap { variant -> GridVideo.Player? in
            guard let median = comparison.medianRun(of: variant),
                let result = done.first(where: { $0.task.variant == variant && $0.task.seed == median.seed }),
                let checkpoint = try? Checkpoint.read(
                    from: result.task.folder.appendingPathComponent("agent.safetensors"))
            else { return nil }
            let count = comparison.variants.first { $0.name == variant }?.runs ?? 1
            let name = count > 1 ? "\(variant): median of \(count) runs, seed \(median.seed)" : variant
            return GridVideo.Player(name: name, agent: TrainedAgent(checkpoint))
        }
        try CompareReport.write(
            outputs, runs: runs, agents: Array(agents.prefix(16)), seed: 1, into: folder.staging,
            warn: { report(SettingText($0)) })
        return Result(runs: results, comparison: comparison, interrupted: false)
    }
}

extension CompareWorkflow {
    /// Compares runs made elsewhere, writing the comparison into `folder`: the runs in each folder (run
    /// folders with an eval.csv, or episode logs read with `returnColumn`, scored over `window` frames)
    /// are one variant, named by its label. They are judged in the environment they name, which must be
    /// one, and `environment` when given; runs that name none are taken to be of it (else CartPole-v0).
    package static func compare(
        _ variants: [(folder: URL, label: String)], returnColumn: String?, window: Int, environment: EnvironmentID?,
        figures: FigureOutput = .png, drawsRuns: Bool = false, into folder: URL, note: (SettingText) -> Void
    ) throws -> (comparison: RunComparison, environment: EnvironmentID) {
        var found: [(label: String, run: RunDiscovery.Found)] = []
        // Heard once the runs are known to be comparable: a refusal is one line.
        var heard: [String] = []
        for (from, label) in variants {
            found += try RunDiscovery.runs(
                in: from, label: label, window: window, returnColumn: returnColumn, note: { heard.append($0) }
            ).map { (label, $0) }
        }
        let named = Set(found.compactMap(\.run.environment))
        if named.count > 1 || (environment != nil && !named.isEmpty && named != [environment]) {
            throw MixedEnvironmentsError(
                given: environment,
                runs: found.compactMap { entry in entry.run.environment.map { (entry.label, $0) } })
        }
        for text in heard { note(SettingText(text)) }
        let judged = named.first ?? environment ?? .v0
        let unnamed = found.filter { $0.run.environment == nil }.count
        if unnamed > 0 && environment == nil {
            note(
                "note: \(unnamed) of \(found.count) run(s) do not say which environment they were made in; "
                    + "they are judged as \(judged.rawValue)"
                    + (named.isEmpty ? " (\(setting: "env") to say otherwise)" : ", as the others are"))
        }
        let comparison = RunComparison(
            runs: found.map(\.run.run), order: variants.map(\.label), threshold: judged.rewardThreshold)
        let outputs = CompareOutputs(comparison: comparison, environment: judged, drawsRuns: drawsRuns)
        try outputs.write(into: folder, figures: figures)
        try CompareReport.write(outputs, runs: [], agents: [], seed: 1, into: folder)
        return (comparison, judged)
    }
}
