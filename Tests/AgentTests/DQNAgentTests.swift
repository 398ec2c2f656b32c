import Agent
import FileFormats
import Foundation
import Testing

@Suite struct DQNAgentTests {
    func shortConfiguration(frames: Int = 4000, seed: UInt64 = 777) -> TrainingConfiguration {
        var configuration = TrainingConfiguration()
        configuration.frames = frames
        configuration.seed = seed
        configuration.hidden = 64
        configuration.epsilonDecay = 1.0 / 1000
        return configuration
    }

    func train(_ configuration: TrainingConfiguration) throws -> DQNAgent {
        let agent = try DQNAgent(configuration: configuration)
        while !agent.isFinished { agent.step() }
        return agent
    }

    @Test func aShortRunLearnsFarBeyondARandomPolicy() throws {
        let agent = try train(shortConfiguration())
        var player = try GreedyPlayer(network: agent.online, environment: .v0, seed: 5)
        let mean = player.meanReturn(episodes: 10)
        // A random policy averages about 22 steps on CartPole.
        #expect(mean > 100, "greedy mean return \(mean)")
    }

    @Test func theLoopFollowsTheNotebooksSchedule() throws {
        var configuration = shortConfiguration(frames: 600)
        configuration.targetUpdate = 50
        let agent = try train(configuration)
        // Updates start once the 1-step memory holds a batch: with n = 3 the memories lag the frames by n - 1.
        let firstUpdateFrame = configuration.batchSize + configuration.nStep - 1
        #expect(agent.updates == configuration.frames - firstUpdateFrame + 1)
        #expect(agent.metrics.rows.first { $0.update != nil }?.frame == firstUpdateFrame)
        let expectedEpsilon = max(
            configuration.minEpsilon,
            1 - Double(agent.updates) * (configuration.maxEpsilon - configuration.minEpsilon)
                * configuration.epsilonDecay)
        #expect(abs(agent.epsilon - expectedEpsilon) < 1e-9)
        #expect(agent.metrics.scores.count == agent.episodes)
        #expect(agent.metrics.scores.allSatisfy { $0 >= 1 && $0 <= 200 })
    }

    @Test func theTargetNetworkIsCopiedEveryTargetUpdate() throws {
        var configuration = shortConfiguration(frames: 200)
        configuration.targetUpdate = 10
        let agent = try DQNAgent(configuration: configuration)
        while agent.updates == 0 || agent.updates % 10 != 0 { agent.step() }
        #expect(agent.target == agent.online)
        agent.step()
        #expect(agent.target != agent.online)
    }

    @Test func theSameSeedGivesBitIdenticalTraining() throws {
        let a = try train(shortConfiguration(frames: 800))
        let b = try train(shortConfiguration(frames: 800))
        #expect(a.online.parameters == b.online.parameters)
        #expect(MetricsCSV.encode(a.metrics) == MetricsCSV.encode(b.metrics))
        let c = try train(shortConfiguration(frames: 800, seed: 778))
        #expect(a.online.parameters != c.online.parameters)
    }

    /// Double DQN changes the targets, so the training; it still learns, and the same seed gives the same
    /// training. (The targets themselves are held to chapter 02's code by DoubleUpdateFixtureTests.)
    @Test func doubleDQNTrainsOnItsOwnTargets() throws {
        var configuration = shortConfiguration()
        configuration.double = true
        let double = try train(configuration)
        #expect(try train(configuration).online.parameters == double.online.parameters)
        #expect(try train(shortConfiguration()).online.parameters != double.online.parameters)
        var player = try GreedyPlayer(network: double.online, environment: .v0, seed: 5)
        let mean = player.meanReturn(episodes: 10)
        #expect(mean > 100, "greedy mean return \(mean)")
    }

    /// Prioritized replay draws by priority and weights the loss, so it trains otherwise; it still learns,
    /// the same seed gives the same training, and β reaches 1 at the last frame. (Its draws, weights and
    /// priorities are held to chapter 03's code by PrioritizedReplayFixtureTests.)
    @Test func prioritizedReplayTrainsOnItsOwnDraws() throws {
        var configuration = shortConfiguration()
        configuration.prioritized = true
        let prioritized = try train(configuration)
        #expect(prioritized.beta == 1)
        // The held priorities' quantiles, in order, at about `priorityPoints` updates spread over the training.
        let quantiles = prioritized.metrics.rows.compactMap(\.priorities)
        #expect(abs(quantiles.count - TrainingMetrics.priorityPoints) <= 1)
        #expect(quantiles.allSatisfy { $0.count == 5 && zip($0, $0.dropFirst()).allSatisfy { $0 <= $1 } && $0[0] > 0 })
        #expect(try train(shortConfiguration()).metrics.rows.allSatisfy { $0.priorities == nil })
        #expect(try train(configuration).online.parameters == prioritized.online.parameters)
        #expect(try train(shortConfiguration()).online.parameters != prioritized.online.parameters)
        var player = try GreedyPlayer(network: prioritized.online, environment: .v0, seed: 5)
        let mean = player.meanReturn(episodes: 10)
        #expect(mean > 100, "greedy mean return \(mean)")
    }

    /// The dueling network trains, with its gradient clipped; it still learns and the same seed gives the same
    /// training. (Its Q-values, gradients and steps are held to chapter 04's code by DuelingUpdateFixtureTests.)
    @Test func aDuelingNetworkTrains() throws {
        var configuration = shortConfiguration()
        configuration.dueling = true
        configuration.clipGradNorm = 10
        let dueling = try train(configuration)
        #expect(dueling.online.dueling && dueling.online.tensors.count == 10)
        // Its streams: Q = V + A, the advantages centred; a plain network has none.
        for angle: Float in [-0.1, 0, 0.05] {
            let observation = Observation(0.1, -0.2, angle, 0.3)
            let q = dueling.online.qValues(observation)
            let streams = try #require(dueling.online.streams(observation))
            #expect(abs(streams.advantages.sum()) < 1e-5 * max(1, abs(streams.advantages[0])))
            for a in 0..<2 {
                #expect(abs(streams.value + streams.advantages[a] - q[a]) <= 1e-5 * max(1, abs(q[a])))
            }
            #expect(QNetwork(hidden: 4).streams(observation) == nil)
        }
        #expect(try train(configuration).online.parameters == dueling.online.parameters)
        var player = try GreedyPlayer(network: dueling.online, environment: .v0, seed: 5)
        let mean = player.meanReturn(episodes: 10)
        #expect(mean > 100, "greedy mean return \(mean)")
    }

    /// The noisy network trains without epsilon-greedy (its noise explores): it still learns, the same seed
    /// gives the same training, and its σ move. (Its gradients and steps are held to chapter 05's code by
    /// NoisyUpdateFixtureTests.)
    @Test func aNoisyNetworkTrains() throws {
        var configuration = try TrainingPreset.configuration(named: "noisy", ["frames": "4000", "hidden": "64"])
        configuration.reset = .first
        let noisy = try train(configuration)
        #expect(noisy.online.noisy && noisy.epsilon == 0)
        #expect(try train(configuration).online.parameters == noisy.online.parameters)
        let initial = try DQNAgent(configuration: configuration).online
        let sigmas = noisy.online.sigmaOffset..<noisy.online.parameters.count
        #expect(noisy.online.parameters[sigmas] != initial.parameters[sigmas], "sigma learns")
        let recorded = noisy.metrics.rows.compactMap(\.sigmas)
        #expect(abs(recorded.count - TrainingMetrics.priorityPoints) <= 1 && recorded.allSatisfy { $0.count == 2 })
        #expect(
            recorded.allSatisfy { $0.allSatisfy { $0 > 0 } } && recorded.first != recorded.last,
            "σ recorded as it moves")
        // At the start, chapter 05's σ: σ0/sqrt(in) for weights, σ0/sqrt(out) for biases (hidden 64, σ0 0.5).
        let expected = [0.0625, (0.0625 * 128 + 0.5 / 2.0.squareRoot() * 2) / 130]
        #expect(zip(initial.meanAbsoluteSigmas, expected).allSatisfy { abs(Double($0) - $1) < 1e-6 })
        var player = try GreedyPlayer(network: noisy.online, environment: .v0, seed: 5)
        let mean = player.meanReturn(episodes: 10)
        #expect(mean > 100, "greedy mean return \(mean)")
    }

    /// `reset every` seeds every training reset, as the rainbow chapters do: every episode starts in the
    /// state of the first; by default only the first reset is seeded, and episodes start apart.
    @Test func everyResetSeededStartsEveryEpisodeAlike() throws {
        for (reset, alike) in [(ResetSeeding.every, true), (.first, false)] {
            var configuration = shortConfiguration(frames: 600)
            configuration.reset = reset
            let agent = try DQNAgent(configuration: configuration)
            var starts = [agent.observation]
            while !agent.isFinished {
                let episodes = agent.episodes
                agent.step()
                if agent.episodes > episodes { starts.append(agent.observation) }
            }
            #expect(starts.count > 5)
            #expect(Set(starts.map { "\($0)" }).count == (alike ? 1 : starts.count), "\(reset)")
        }
    }

    @Test func nStepOneIsPlainDQN() throws {
        var configuration = shortConfiguration(frames: 300)
        configuration.nStep = 1
        let agent = try train(configuration)
        #expect(agent.metrics.rows.first { $0.update != nil }?.frame == configuration.batchSize)
    }

    @Test func invalidConfigurationsAreRefusedWithTheSettingNamed() {
        var cases: [(String, TrainingConfiguration)] = []
        func add(_ setting: String, _ change: (inout TrainingConfiguration) -> Void) {
            var configuration = TrainingConfiguration()
            change(&configuration)
            cases.append((setting, configuration))
        }
        add("frames") { $0.frames = 0 }
        add("batch-size") { $0.batchSize = 3000 }
        add("min-epsilon") {
            $0.minEpsilon = 0.9
            $0.maxEpsilon = 0.5
        }
        add("gamma") { $0.gamma = 1.5 }
        add("n-step") { $0.nStep = 0 }
        add("lr") { $0.learningRate = -1 }
        add("hidden") { $0.hidden = 0 }
        add("target-update") { $0.targetUpdate = 0 }
        for (setting, configuration) in cases {
            do {
                try configuration.validate()
                Issue.record("\(setting) should have been refused")
            } catch {
                #expect(error.description.hasPrefix(setting + " "), "\(error)")
                #expect(error.worded { "--" + $0 }.hasPrefix("--" + setting + " "), "\(error)")
            }
        }
        #expect(throws: Never.self) { try TrainingConfiguration().validate() }
    }
}
