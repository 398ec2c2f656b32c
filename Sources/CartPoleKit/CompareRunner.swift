import Agent
import Dispatch
import FileFormats
import Foundation
import OutputFiles
import Synchronization

/// Trains the runs of a comparison, up to `jobs` at once, each on its own thread with its own agent,
/// generator and result folder, so a run's files are the same whatever runs beside it. A run that fails is
/// reported and the others go on.
public struct CompareRunner: Sendable {
    /// One planned run's result.
    public struct Result: Sendable {
        /// The run planned.
        public let task: ComparisonRun
        /// Its evaluations, when finished.
        public let run: RunComparison.Run?
        /// Why there is no run: missing, interrupted, made with other options, failed.
        public let failure: SettingText?
    }

    package let jobs: Int
    /// Asked between frames and before each run; true stops every training, keeping what each learned.
    package let shouldStop: @Sendable () -> Bool
    /// Hears a line as each run ends: "[k/n] variant seed s: ...".
    package let report: @Sendable (SettingText) -> Void
    /// The tool's version and command line, for each run's manifest.
    package let version: String
    package let arguments: [String]

    package init(
        jobs: Int, version: String, arguments: [String], shouldStop: @escaping @Sendable () -> Bool = { false },
        report: @escaping @Sendable (SettingText) -> Void = { _ in }
    ) {
        self.jobs = jobs
        self.version = version
        self.arguments = arguments
        self.shouldStop = shouldStop
        self.report = report
    }

    /// Trains the runs that `done` has no finished run for; returns every run's result, in order.
    package func run(_ runs: [ComparisonRun], done: [Result]) -> [Result] {
        let pending = done.indices.filter { done[$0].run == nil }
        let finished = Atomic<Int>(0)
        let results = Mutex<[Result]>(done)
        WorkerThreads.start(count: pending.count, threads: jobs, shouldStop: shouldStop) { item in
            let index = pending[item]
            let task = runs[index]
            let result = train(task)
            results.withLock { $0[index] = result }
            let count = finished.add(1, ordering: .relaxed).newValue
            let position = "[\(count)/\(pending.count)] \(task.variant) seed \(task.seed)"
            if let run = result.run {
                report(
                    SettingText(
                        position
                            + String(
                                format: ": final evaluation mean %.1f, %.1f s", run.finalMean,
                                run.trainingSeconds ?? 0)))
            } else {
                report("\(position) \(result.failure ?? "failed")")
            }
        }.wait()
        return results.withLock { $0 }
    }

    private func train(_ task: ComparisonRun) -> Result {
        do {
            let folder = try RunFolder(
                task.folder, command: "train", outputs: TrainingSession.outputs,
                holder: "cartpole compare (run \(task.variant) seed \(task.seed))")
            var session = TrainingSession(configuration: task.configuration, folder: folder.staging)
            session.shouldStop = shouldStop
            if jobs == 1 { session.threads = TrainingSession.threadsForOneTraining }
            let outcome = try session.run()
            try folder.commit(
                version: version, arguments: arguments, settings: task.settings,
                state: outcome.interrupted ? .interrupted : .complete)
            guard !outcome.interrupted else {
                return Result(
                    task: task, run: nil,
                    failure: "interrupted at frame \(outcome.agent.frame) of \(task.configuration.frames)")
            }
            return Result(
                task: task,
                run: RunComparison.Run(
                    variant: task.variant, seed: task.seed, points: outcome.evaluation.points,
                    trainingSeconds: outcome.seconds), failure: nil)
        } catch {
            return Result(task: task, run: nil, failure: "failed: \(SettingText(describing: error))")
        }
    }

    /// Each run as its folder holds it: finished only when the folder's manifest says a `train` with the
    /// run's options completed there and its eval.csv is the one it wrote; otherwise why not.
    package static func load(_ runs: [ComparisonRun]) -> [Result] {
        runs.map { task in
            func missing(_ why: SettingText) -> Result { Result(task: task, run: nil, failure: why) }
            let manifest: RunManifest?
            do { manifest = try RunManifest.read(in: task.folder) } catch {
                return missing("unreadable: \(SettingText(describing: error))")
            }
            guard let manifest else { return missing("not run yet") }
            guard manifest.command == "train" else {
                return missing("holds the outputs of `cartpole \(manifest.command)`")
            }
            guard manifest.state == .complete else { return missing("interrupted") }
            let expected = task.settings
            // A run written before a setting existed did not record it: it was trained at its default.
            let defaults = TrainingConfiguration().settingValues
            func recorded(_ name: String) -> String? { manifest.settings[name] ?? defaults[name] }
            let names = Set(expected.keys).union(manifest.settings.keys).sorted()
            if let name = names.first(where: { recorded($0) != expected[$0] }) {
                return missing(
                    "made with other options (\(setting: name) \(manifest.settings[name] ?? "unset"); the plan has \(expected[name] ?? "unset"))"
                )
            }
            guard manifest.matches("eval.csv", in: task.folder) else {
                return missing("has no eval.csv, or it changed since it was written")
            }
            do {
                let points = try TrainingEvaluationCSV.read(from: task.folder.appendingPathComponent("eval.csv"))
                return Result(
                    task: task, run: RunComparison.Run(variant: task.variant, seed: task.seed, points: points),
                    failure: nil)
            } catch {
                return missing("failed: \(error)")
            }
        }
    }
}
