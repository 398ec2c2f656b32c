import Agent
import ArgumentParser
import CartPoleKit

/// The training options of `train` and `run`, named after the notebook's parameters.
struct TrainingOptions: ParsableArguments {
    @Option(help: "Environment id: CartPole-v0 (200-step episodes) or CartPole-v1 (500).")
    var env = "CartPole-v0"
    @Option(parsing: .unconditional, help: "Environment steps to train for.")
    var frames = 20000
    @Option(parsing: .unconditional, help: "Transitions each replay memory holds.")
    var memorySize = 2000
    @Option(parsing: .unconditional, help: "Transitions per update.")
    var batchSize = 32
    @Option(parsing: .unconditional, help: "Updates between hard copies of the online network into the target network.")
    var targetUpdate = 100
    @Option(parsing: .unconditional, help: "Fraction of (max-epsilon - min-epsilon) removed after each update.")
    var epsilonDecay = 1.0 / 2000
    @Option(parsing: .unconditional, help: "Exploration rate at the start.")
    var maxEpsilon = 1.0
    @Option(parsing: .unconditional, help: "Exploration rate it decays to.")
    var minEpsilon = 0.1
    @Option(parsing: .unconditional, help: "Discount factor.")
    var gamma = 0.99
    @Option(parsing: .unconditional, help: "Steps of the n-step return (1 is plain DQN).")
    var nStep = 3
    @Option(
        parsing: .unconditional,
        help: "Random seed: the same seed gives the same run, bit for bit (default: 777; compare uses 1 to --seeds).")
    var seed: UInt64?

    /// The seed a run uses when none is given: the notebook's.
    static let defaultSeed: UInt64 = 777
    @Option(parsing: .unconditional, help: "Units in each of the two hidden layers.")
    var hidden = 128
    @Option(parsing: .unconditional, help: "Adam's learning rate.")
    var lr = 1e-3
    @Option(
        help:
            "How a time-limit truncation enters the targets: terminal (the notebook's: it masks bootstrapping like a termination) or bootstrap (Gymnasium's: it bootstraps, discounted by gamma^k)."
    )
    var timeLimit = "terminal"
    @Option(
        parsing: .unconditional,
        help: "Frames between evaluations (greedy episodes on separately seeded environments; 0: none).")
    var evalEvery = 1000
    @Option(parsing: .unconditional, help: "Episodes of each evaluation.")
    var evalEpisodes = 10
    @Option(
        parsing: .unconditional,
        help:
            "Frames between checkpoints, checkpoints/agent-FRAME.safetensors (0: none; default: none for train, about ten for run)."
    )
    var checkpointEvery: Int?

    var configuration: TrainingConfiguration {
        get throws {
            var configuration = TrainingConfiguration()
            configuration.environment = try EnvironmentID.validatingForCLI(env)
            configuration.frames = frames
            configuration.memorySize = memorySize
            configuration.batchSize = batchSize
            configuration.targetUpdate = targetUpdate
            configuration.epsilonDecay = epsilonDecay
            configuration.maxEpsilon = maxEpsilon
            configuration.minEpsilon = minEpsilon
            configuration.gamma = gamma
            configuration.nStep = nStep
            configuration.seed = seed ?? Self.defaultSeed
            configuration.hidden = hidden
            configuration.learningRate = lr
            guard let semantics = TimeLimit(rawValue: timeLimit) else {
                throw ValidationError("unknown --time-limit '\(timeLimit)'; use terminal or bootstrap")
            }
            configuration.timeLimit = semantics
            return configuration
        }
    }

    /// Every option with its value, explicitly, as `cartpole train` takes them: parsing these gives back
    /// the same options (doubles print in their shortest exact form).
    var arguments: [String] {
        [
            "--env", env, "--frames", "\(frames)", "--memory-size", "\(memorySize)", "--batch-size", "\(batchSize)",
            "--target-update", "\(targetUpdate)", "--epsilon-decay", "\(epsilonDecay)", "--max-epsilon",
            "\(maxEpsilon)",
            "--min-epsilon", "\(minEpsilon)", "--gamma", "\(gamma)", "--n-step", "\(nStep)", "--seed",
            "\(seed ?? Self.defaultSeed)",
            "--hidden", "\(hidden)", "--lr", "\(lr)", "--time-limit", timeLimit, "--eval-every", "\(evalEvery)",
            "--eval-episodes", "\(evalEpisodes)",
        ]
            + (checkpointEvery.map { ["--checkpoint-every", "\($0)"] } ?? [])
    }

    /// `arguments` by option name: what a result folder's manifest records and a comparison matches.
    var optionValues: [String: String] { CartPoleCLI.optionValues(arguments) }

    /// The names (without dashes) of the options that `arguments` lists.
    static var optionNames: [String] {
        (try! TrainingOptions.parse([])).arguments.enumerated().filter { $0.offset % 2 == 0 }.map {
            String($0.element.dropFirst(2))
        }
    }

    /// These options with `name` set to `value` (parsed and validated as on the command line).
    func setting(_ name: String, to value: String) throws -> TrainingOptions {
        var words = arguments
        guard let index = words.firstIndex(of: "--\(name)") else {
            throw ValidationError(
                "unknown training option '\(name)'; one of \(Self.optionNames.joined(separator: ", "))")
        }
        words[index + 1] = value
        do { return try TrainingOptions.parse(words) } catch {
            throw ValidationError(TrainingOptions.message(for: error))
        }
    }

    func validate() throws {
        let configuration: TrainingConfiguration
        do {
            configuration = try self.configuration
            try configuration.validate()
        } catch let error as AgentError { throw ValidationError(error.worded(optionName)) }
        guard (checkpointEvery ?? 0) >= 0 else {
            throw ValidationError(
                "--checkpoint-every must be 0 or a positive number of frames (got \(checkpointEvery ?? 0))")
        }
        if let every = checkpointEvery, every > 0, frames / every > 1000 {
            throw ValidationError(
                "--checkpoint-every \(every) writes \(frames / every) checkpoints; at most 1000 are kept "
                    + "(every \((frames + 999) / 1000) frames or more)")
        }
        guard evalEvery >= 0 else {
            throw ValidationError("--eval-every must be 0 or a positive number of frames (got \(evalEvery))")
        }
        guard (1...10000).contains(evalEpisodes) else {
            throw ValidationError("--eval-episodes must be between 1 and 10000 (got \(evalEpisodes))")
        }
        try MachineMemory.check(configuration)
        try Kernels.validateForCLI()
    }
}
