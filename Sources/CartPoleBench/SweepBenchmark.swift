import Agent
import CartPoleKit
import FileFormats
import Foundation
import OutputFiles

/// A sweep at cluster scale, as whole `cartpole` processes: planning and emitting 100 000 tasks
/// (`compare --emit-tasks`), and tabulating 10 000 finished run folders (`compare --from`), made here as
/// `compare --task` would leave them but with a fabricated eval.csv (20 evaluations of 10 episodes each).
func benchmarkSweep() {
    guard let binary = cartpoleBinary(for: "sweep") else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-bench-sweep-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let emit = measureProcess(
        binary,
        [
            "compare", "--vary", "n-step=1,2,3,4,5,6,7,8,9,10", "--seeds", "10000", "--out",
            folder.appendingPathComponent("plan").path, "--emit-tasks", folder.appendingPathComponent("tasks.txt").path,
        ])
    print(
        String(
            format: "compare --emit-tasks, 100000 tasks (10 variants x 10000 seeds): %.2f s, %.0f MB peak",
            emit.seconds,
            emit.peakMB))

    let sweep = folder.appendingPathComponent("sweep")
    let planned = measureProcess(
        binary,
        [
            "compare", "--vary", "n-step=1,3", "--seeds", "5000", "--out", sweep.path, "--emit-tasks",
            folder.appendingPathComponent("sweep.txt").path,
        ])
    guard planned.seconds > 0, let plan = try? ComparisonPlan.stored(in: sweep) else {
        print("sweep: the plan of 10000 runs could not be made")
        return
    }
    let clock = ContinuousClock()
    let start = clock.now
    var generator = SplitMix64(seed: 1)
    for run in plan.runs {
        let learning = run.variant.hasSuffix("3") ? 1.2 : 0.6
        let points = stride(from: 1000, through: 20000, by: 1000).map { frame -> EvaluationPoint in
            let returns = (0..<10).map { _ in
                min(200, (20 + learning * Double(frame) / 100 + 40 * generator.nextUnit()).rounded())
            }
            return EvaluationPoint(frame: frame, returns: returns, lengths: returns.map { Int($0) })
        }
        do {
            let runFolder = try RunFolder(
                run.folder, command: "train", outputs: TrainingSession.outputs, holder: "bench")
            try TrainingEvaluationCSV.write(points, to: runFolder.staging.appendingPathComponent("eval.csv"))
            try runFolder.commit(version: "bench", arguments: [], settings: run.settings, state: .complete)
        } catch {
            print("sweep: could not make \(run.folder.path): \(error)")
            return
        }
    }
    let made = clock.now - start
    let tabulate = measureProcess(binary, ["compare", "--from", sweep.path])
    print(
        String(
            format:
                "compare --from, 10000 finished run folders (2 variants x 5000 seeds, made in %.1f s): %.2f s, %.0f MB peak",
            Double(made.components.seconds), tabulate.seconds, tabulate.peakMB))
}
