import Agent
import FileFormats
import Foundation
import OutputFiles

/// `cartpole-bench endings DIR`: for every run folder under DIR/runs (a `cartpole compare` output), plays
/// the final agent's 10 evaluation episodes again and counts how they end: the cart past ±2.4 m, the pole
/// past ±12°, or the time limit; with the mean |x| and |Q| at the last step. Grouped by variant.
func benchmarkEndings(_ folder: URL) {
    let runs = folder.appendingPathComponent(RunFolder.comparisonRuns)
    guard let variants = try? FileManager.default.contentsOfDirectory(atPath: runs.path).sorted() else {
        print("endings: no runs in \(runs.path)")
        return
    }
    print(
        "variant | episodes | cart off the track | pole fell | time limit | mean |x| at the end | mean max Q at the reset"
            + " | training episodes that reached the time limit, mean per run")
    for variant in variants {
        var cart = 0
        var pole = 0
        var limit = 0
        var episodes = 0
        var finalX = 0.0
        var resetQ = 0.0
        var limitEpisodes = 0
        var runsCounted = 0
        let seeds =
            (try? FileManager.default.contentsOfDirectory(atPath: runs.appendingPathComponent(variant).path)) ?? []
        for seed in seeds {
            guard
                let checkpoint = try? Checkpoint.read(
                    from: runs.appendingPathComponent("\(variant)/\(seed)/agent.safetensors"))
            else { continue }
            if let metrics = try? MetricsCSV.read(from: runs.appendingPathComponent("\(variant)/\(seed)/metrics.csv")) {
                limitEpisodes += metrics.scores.filter { $0 >= Double(checkpoint.environment.maxEpisodeSteps) }.count
                runsCounted += 1
            }
            for k in 0..<10 {
                var generator = NumpyPCG64(seed: checkpoint.seed &+ TrainingEvaluation.seedOffset &+ UInt64(k))
                var env = CartPole(id: checkpoint.environment)
                var observation = env.reset(using: &generator)
                let q0 = checkpoint.network.qValues(observation)
                resetQ += Double(max(q0[0], q0[1]))
                while true {
                    let result = env.step(checkpoint.network.greedyAction(observation))
                    observation = result.observation
                    if result.done {
                        episodes += 1
                        finalX += abs(env.state.x)
                        if !result.terminated {
                            limit += 1
                        } else if env.state.cartLeftTrack {
                            cart += 1
                        } else {
                            pole += 1
                        }
                        break
                    }
                }
            }
        }
        guard episodes > 0 else { continue }
        print(
            String(
                format: "%@ | %d | %d | %d | %d | %.2f | %.1f | %.1f", variant, episodes, cart, pole, limit,
                finalX / Double(episodes), resetQ / Double(episodes),
                Double(limitEpisodes) / Double(max(runsCounted, 1))))
    }
}
