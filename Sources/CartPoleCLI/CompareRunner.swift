import Agent
import Dispatch
import Foundation
import Synchronization

/// Trains the runs of a plan, up to `jobs` at once, each on its own thread with its own agent, generator
/// and folder, so a run's files are the same whatever runs beside it. A run that fails is reported and
/// the others go on.
struct CompareRunner: Sendable {
    struct Result: Sendable {
        let task: ComparePlan.Task
        let run: RunComparison.Run?
        let failure: String?
    }

    let jobs: Int
    let interrupts: Interrupts

    func run(_ plan: ComparePlan) -> [Result] {
        let tasks = plan.tasks
        let finished = Atomic<Int>(0)
        let results = Mutex<[Result?]>(Array(repeating: nil, count: tasks.count))
        WorkerThreads.start(count: tasks.count, threads: jobs, shouldStop: { interrupts.requested }) { index in
            let result = Self.train(tasks[index], interrupts: interrupts)
            results.withLock { $0[index] = result }
            let count = finished.add(1, ordering: .relaxed).newValue
            let task = tasks[index]
            if let run = result.run {
                Console.message("[\(count)/\(tasks.count)] \(task.variant) seed \(task.seed): "
                    + String(format: "final evaluation mean %.1f, %.1f s", run.finalMean, run.trainingSeconds ?? 0))
            } else {
                Console.message("[\(count)/\(tasks.count)] \(task.variant) seed \(task.seed) failed: \(result.failure ?? "")")
            }
        }.wait()
        return results.withLock { $0 }.enumerated().map { $0.element ?? Result(task: tasks[$0.offset], run: nil, failure: "not run") }
    }

    private static func train(_ task: ComparePlan.Task, interrupts: Interrupts) -> Result {
        do {
            try FileManager.default.createDirectory(at: task.folder, withIntermediateDirectories: true)
            var session = try TrainingSession(options: task.options, folder: task.folder, interrupts: interrupts)
            session.showsProgress = false
            let outcome = try session.run()
            return Result(task: task, run: RunComparison.Run(variant: task.variant, seed: task.seed, points: outcome.evaluation.points,
                                                            trainingSeconds: outcome.seconds), failure: nil)
        } catch {
            return Result(task: task, run: nil, failure: "\(error)")
        }
    }

    /// The runs of a plan that are already in their folders (their eval.csv); missing ones say why.
    static func load(_ plan: ComparePlan) -> [Result] {
        plan.tasks.map { task in
            let url = task.folder.appendingPathComponent("eval.csv")
            guard FileManager.default.fileExists(atPath: url.path) else { return Result(task: task, run: nil, failure: "no eval.csv") }
            do {
                let points = try EvaluationCSV.readTraining(from: url)
                return Result(task: task, run: RunComparison.Run(variant: task.variant, seed: task.seed, points: points), failure: nil)
            } catch {
                return Result(task: task, run: nil, failure: "\(error)")
            }
        }
    }
}
