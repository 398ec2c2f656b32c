import Foundation

/// `cartpole record` of three 500-step CartPole-v1 episodes, one episode at a time with the encoder's own
/// threads (`--jobs 1`) against episodes side by side with one-thread encoders (the default), as whole
/// processes of the release binary, alternated so that both meet the same machine; and whether the side by
/// side files are byte-identical from run to run. With `baseline`, the path of another build's `cartpole`
/// (an earlier commit's, say), that build's plain `record` takes the place of `--jobs 1`.
func benchmarkRecord(rounds: Int = 7, baseline: String? = nil) {
    guard let binary = cartpoleBinary(for: "record") else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-bench-record-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let agent = folder.appendingPathComponent("v1").path
    _ = measureProcess(binary, ["train", "--env", "CartPole-v1", "--out", agent])
    var times: [String: [Double]] = [:]
    var cores: [String: [Double]] = [:]
    var files: Set<Data> = []
    for round in 0..<rounds {
        for jobs in ["1", "default"] {
            let out = folder.appendingPathComponent("\(jobs)-\(round)")
            let arguments =
                ["record", "--agent", agent + "/agent.safetensors", "--out", out.path]
                + (jobs == "1" && baseline == nil ? ["--jobs", "1"] : [])
            let measured = measureProcess(jobs == "1" ? baseline ?? binary : binary, arguments)
            times[jobs, default: []].append(measured.seconds)
            cores[jobs, default: []].append(measured.cpuSeconds / measured.seconds)
            if jobs == "default" {
                files.insert(
                    (0..<3).reduce(into: Data()) { data, index in
                        data +=
                            (try? Data(contentsOf: out.appendingPathComponent("rl-video-episode-\(index).mp4")))
                            ?? Data()
                    })
            }
        }
    }
    func line(_ jobs: String) -> (median: Double, text: String) {
        let sorted = times[jobs, default: []].sorted()
        let median = sorted[sorted.count / 2]
        let busy = cores[jobs, default: []].sorted()
        return (
            median,
            String(
                format: "%.2f s (%.2f-%.2f), %.2f cores busy", median, sorted.first!, sorted.last!, busy[busy.count / 2]
            )
        )
    }
    let one = line("1")
    let side = line("default")
    print(
        "record, 3 CartPole-v1 episodes at 600x400, preset veryfast, crf 23, whole process, median of \(rounds) (range):"
    )
    print(
        baseline.map { "  \($0) record                        \(one.text)" }
            ?? "  one at a time, encoder's own threads (--jobs 1)   \(one.text)")
    print("  side by side, one-thread encoders (default)       \(side.text)")
    print(
        String(
            format: "  speed-up %.2fx; side-by-side files identical in every round: %@", one.median / side.median,
            files.count == 1 ? "yes" : "NO (\(files.count) different sets)"))
}
