import Agent
import Foundation

/// Wall time of the default training (the notebook's 20000 frames), in process.
func benchmarkTraining() {
    let clock = ContinuousClock()
    var agent: DQNAgent?
    let elapsed = seconds(
        clock.measure {
            let trained = try! DQNAgent(configuration: TrainingConfiguration())
            while !trained.isFinished { trained.step() }
            agent = trained
        })
    let frames = agent!.frame
    print(
        String(
            format: "default training (%d frames, seed 777): %.2f s, %.0f frames/s", frames, elapsed,
            Double(frames) / elapsed))
    for environment in EnvironmentID.allCases { benchmarkEvaluationShare(environment) }
}

/// The share of training time that the default evaluation (10 greedy episodes every 1000 frames) takes.
func benchmarkEvaluationShare(_ environment: EnvironmentID) {
    var configuration = TrainingConfiguration()
    configuration.environment = environment
    let agent = try! DQNAgent(configuration: configuration)
    var evaluation = TrainingEvaluation(
        every: 1000, episodes: 10, environment: environment, trainingSeed: configuration.seed)
    let clock = ContinuousClock()
    var evaluating = Duration.zero
    let total = clock.measure {
        while !agent.isFinished {
            agent.step()
            evaluating += clock.measure { _ = try! evaluation.evaluateIfDue(agent) }
        }
    }
    let steps = evaluation.points.reduce(0) { $0 + $1.lengths.reduce(0, +) }
    print(
        String(
            format:
                "evaluation during training (%@, 10 episodes every 1000 frames): %.3f s of %.2f s (%.1f%%), %d greedy steps",
            environment.rawValue, seconds(evaluating), seconds(total), 100 * seconds(evaluating) / seconds(total), steps
        ))
}

/// Trains with the defaults on seeds 1 to 10 and prints each seed's mean greedy return over 10 episodes.
func evaluateSeeds(_ seeds: ClosedRange<UInt64> = 1...10, episodes: Int = 10) {
    print("seed | mean greedy return (10 episodes) | min | max")
    var solved = 0
    for seed in seeds {
        var configuration = TrainingConfiguration()
        configuration.seed = seed
        let agent = try! DQNAgent(configuration: configuration)
        while !agent.isFinished { agent.step() }
        var player = try! GreedyPlayer(
            network: agent.online, environment: configuration.environment, seed: seed &+ 1_000)
        let returns = (0..<episodes).map { _ in player.play { _ in }.return }
        let mean = returns.reduce(0, +) / Double(episodes)
        if mean >= Double(configuration.environment.maxEpisodeSteps) { solved += 1 }
        print(String(format: "%4d | %6.1f | %3.0f | %3.0f", seed, mean, returns.min()!, returns.max()!))
    }
    print("\(solved) of \(seeds.count) seeds reach the maximum greedy return")
}
