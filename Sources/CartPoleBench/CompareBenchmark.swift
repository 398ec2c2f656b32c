import Agent
import Foundation

/// The default comparison (`cartpole compare --vary n-step=1,3 --seeds 10`) with one job and with two, as
/// whole processes of the release binary, and what its statistics (bootstrap intervals) take in process.
func benchmarkCompare() {
    guard let binary = cartpoleBinary(for: "compare") else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-bench-compare-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    var times: [Int: Double] = [:]
    for jobs in [1, 2] {
        let out = folder.appendingPathComponent("jobs-\(jobs)").path
        times[jobs] =
            measureProcess(
                binary, ["compare", "--vary", "n-step=1,3", "--seeds", "10", "--jobs", "\(jobs)", "--out", out]
            ).seconds
        print(String(format: "compare, 2 variants x 10 seeds, --jobs %d: %.1f s", jobs, times[jobs]!))
    }
    print(String(format: "speed-up from the second job: %.2fx", times[1]! / times[2]!))
    // The statistics of such a comparison: 20 runs of 20 evaluations each.
    var generator = SplitMix64(seed: 5)
    let runs = (0..<20).map { index in
        RunComparison.Run(
            variant: index < 10 ? "a" : "b", seed: UInt64(index),
            points: (1...20).map { frame in
                EvaluationPoint(
                    frame: frame * 1000, returns: (0..<10).map { _ in Double(generator.nextIndex(below: 200)) },
                    lengths: Array(repeating: 100, count: 10))
            })
    }
    let clock = ContinuousClock()
    let elapsed = clock.measure { _ = RunComparison(runs: runs, order: ["a", "b"], threshold: 195) }
    print(
        String(
            format: "comparison statistics (20 runs x 20 evaluations, 2000 resamples each): %.1f ms",
            seconds(elapsed) * 1000))
}
