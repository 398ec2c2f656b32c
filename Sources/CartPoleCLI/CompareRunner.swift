import Agent
import Dispatch
import Foundation
import OutputFiles
import Synchronization

/// Trains the runs of a plan, up to `jobs` at once, each on its own thread with its own agent, generator
/// and result folder, so a run's files are the same whatever runs beside it. A run that fails is reported
/// and the others go on.
struct CompareRunner: Sendable {
    struct Result: Sendable {
        let task: ComparePlan.Task
        let run: RunComparison.Run?
        /// Why there is no run: missing, interrupted, made with other options, failed.
        let failure: String?
    }

    let jobs: Int
    let interrupts: Interrupts

    /// Trains the tasks that `done` has no finished run for; returns every task's result, in plan order.
    func run(_ plan: ComparePlan, done: [Result]) -> [Result] {
        let pending = done.indices.filter { done[$0].run == nil }
        let finished = Atomic<Int>(0)
        let results = Mutex<[Result]>(done)
        WorkerThreads.start(count: pending.count, threads: jobs, shouldStop: { interrupts.requested }) { item in
            let index = pending[item]
            let task = plan.tasks[index]
            let result = Self.train(task, interrupts: interrupts)
            results.withLock { $0[index] = result }
            let count = finished.add(1, ordering: .relaxed).newValue
            let position = "[\(count)/\(pending.count)] \(task.variant) seed \(task.seed)"
            if let run = result.run {
                Console.message(position + String(format: ": final evaluation mean %.1f, %.1f s", run.finalMean, run.trainingSeconds ?? 0))
            } else {
                Console.message("\(position) \(result.failure ?? "failed")")
            }
        }.wait()
        return results.withLock { $0 }
    }

    private static func train(_ task: ComparePlan.Task, interrupts: Interrupts) -> Result {
        do {
            let folder = try RunFolder(task.folder, command: "train", outputs: TrainingSession.Outcome.outputs,
                                       holder: "cartpole compare (run \(task.variant) seed \(task.seed))")
            var session = try TrainingSession(options: task.options, folder: folder.staging, interrupts: interrupts)
            session.showsProgress = false
            let outcome = try session.run()
            try folder.commit(settings: task.optionValues, interrupted: outcome.interrupted)
            guard !outcome.interrupted else {
                return Result(task: task, run: nil, failure: "interrupted at frame \(outcome.agent.frame) of \(task.options.frames)")
            }
            return Result(task: task, run: RunComparison.Run(variant: task.variant, seed: task.seed, points: outcome.evaluation.points,
                                                            trainingSeconds: outcome.seconds), failure: nil)
        } catch {
            return Result(task: task, run: nil, failure: "failed: \(error)")
        }
    }

    /// Each task's run as its folder holds it: finished only when the folder's manifest says a `train` with
    /// the task's options completed there and its eval.csv is the one it wrote; otherwise why not.
    static func load(_ plan: ComparePlan) -> [Result] {
        plan.tasks.map { task in
            func missing(_ why: String) -> Result { Result(task: task, run: nil, failure: why) }
            let manifest: RunManifest?
            do { manifest = try RunManifest.read(in: task.folder) } catch { return missing("unreadable: \(error)") }
            guard let manifest else { return missing("not run yet") }
            guard manifest.command == "train" else { return missing("holds the outputs of `cartpole \(manifest.command)`") }
            guard manifest.state == .complete else { return missing("interrupted") }
            let expected = task.optionValues
            let names = Set(expected.keys).union(manifest.settings.keys).sorted()
            if let name = names.first(where: { manifest.settings[$0] != expected[$0] }) {
                return missing("made with other options (--\(name) \(manifest.settings[name] ?? "unset"); the plan has \(expected[name] ?? "unset"))")
            }
            guard manifest.matches("eval.csv", in: task.folder) else { return missing("has no eval.csv, or it changed since it was written") }
            do {
                let points = try EvaluationCSV.readTraining(from: task.folder.appendingPathComponent("eval.csv"))
                return Result(task: task, run: RunComparison.Run(variant: task.variant, seed: task.seed, points: points), failure: nil)
            } catch {
                return missing("failed: \(error)")
            }
        }
    }
}
