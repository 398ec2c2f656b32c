import OutputFiles

/// Everything that defines a training run; the defaults are the notebook's. `settings` describes each.
public struct TrainingConfiguration: SettingsRoot, Equatable {
    /// The environment trained on.
    public var environment: EnvironmentID = .v0
    /// Environment steps to train for.
    public var frames = 20000
    /// Transitions each replay memory holds.
    public var memorySize = 2000
    /// Transitions per update.
    public var batchSize = 32
    /// Updates between hard copies of the online network into the target network.
    public var targetUpdate = 100
    /// Fraction of (maxEpsilon - minEpsilon) removed after each update.
    public var epsilonDecay = 1.0 / 2000
    /// Exploration rate at the start.
    public var maxEpsilon = 1.0
    /// Exploration rate it decays to.
    public var minEpsilon = 0.1
    /// Discount factor.
    public var gamma = 0.99
    /// Steps of the n-step return (1 is plain DQN).
    public var nStep = 3
    /// Double DQN (chapter 02): the online network picks the next state's action, the target network values it.
    public var double = false
    /// Prioritized replay (chapter 03): transitions drawn in proportion to their last loss, weighted back.
    public var prioritized = false
    /// How much prioritization is used (0: uniform draws).
    public var alpha = 0.2
    /// The importance weights' exponent at the start, annealed to 1 over the frames.
    public var beta = 0.6
    /// Added to each loss to make its priority, so that every transition can be drawn.
    public var priorEps = 1e-6
    /// Dueling network (chapter 04): value and advantage streams after a shared feature layer.
    public var dueling = false
    /// The gradient's largest norm, PyTorch's `clip_grad_norm_` (0: not clipped).
    public var clipGradNorm = 0.0
    /// Noisy network (chapter 05): its last two layers' weights are μ + σ ⊙ ε, the noise drawn anew after
    /// each update.
    public var noisy = false
    /// The noisy layers' initial σ scale (σ0/sqrt(fan-in)), chapter 05's `std_init`.
    public var sigma0 = 0.5
    /// Categorical DQN (chapter 06, C51): each action's return as a distribution on `atoms` values from
    /// `vMin` to `vMax`, learned by projected cross-entropy.
    public var categorical = false
    /// The distribution's atoms.
    public var atoms = 51
    /// The most atoms a distribution may have.
    public static let mostAtoms = 1024
    /// The support's lowest return.
    public var vMin = 0.0
    /// The support's highest return.
    public var vMax = 200.0
    /// Implicit quantile network (chapter 09, IQN): each action's return as its quantile function, learned
    /// at random fractions by the quantile Huber loss; Q is its mean over fractions.
    public var iqn = false
    /// Fractions of the online network's quantiles per row of a batch (chapter 09's `n_tau_samples`).
    public var tauSamples = 32
    /// Fractions of the target network's quantiles per next state (`n_tau_prime_samples`).
    public var tauPrimeSamples = 32
    /// Fractions whose quantiles' mean picks an action (`n_quantile_samples`): drawn at random while training,
    /// the midpoints of equal parts when the network is played.
    public var quantileSamples = 32
    /// Cosines that embed a fraction (`quantile_embedding_dim`).
    public var quantileEmbeddingDim = 64
    /// The quantile Huber loss's divisor (`kappa`; the Huber threshold stays 1, as the chapter's
    /// smooth_l1_loss has it).
    public var kappa = 1.0
    /// The most fractions or cosines an implicit quantile network may take.
    public static let mostQuantiles = 1024
    /// Random seed: the same seed gives the same run, bit for bit.
    public var seed: UInt64 = 777
    /// Units in each of the two hidden layers.
    public var hidden = 128
    /// Adam's learning rate.
    public var learningRate = 1e-3
    /// How a time-limit truncation enters the targets; the notebook's `terminal` by default.
    public var timeLimit = TimeLimit.terminal
    /// Which training resets the seed seeds: the first, as Gymnasium's, by default.
    public var reset = ResetSeeding.first
    /// Frames between evaluations (0: none).
    public var evalEvery = 1000
    /// Greedy episodes of each evaluation.
    public var evalEpisodes = 10
    /// Frames between checkpoints in checkpoints/ (0: none).
    public var checkpointEvery = 0

    /// The notebook's settings.
    public init() {}

    /// Rejects values that cannot train, naming the setting and what it needs.
    public func validate() throws(AgentError) {
        func require(_ condition: Bool, _ message: SettingText) throws(AgentError) {
            if !condition { throw AgentError.invalidValue(message) }
        }
        try checkRanges()
        try require(
            batchSize <= memorySize,
            "\(setting: "batch-size") (\(batchSize)) must not exceed \(setting: "memory-size") (\(memorySize)): a batch is drawn from the memory"
        )
        try require(
            minEpsilon <= maxEpsilon,
            "\(setting: "min-epsilon") (\(minEpsilon)) must not exceed \(setting: "max-epsilon") (\(maxEpsilon))")
        // The network computes in Float: a rate that is 0 or subnormal there moves no weight.
        try require(
            Float(learningRate).isNormal,
            "\(setting: "lr") \(learningRate) is below the smallest normal 32-bit float (\(Float.leastNormalMagnitude)), the network's precision: it would change nothing"
        )
        try require(
            frames >= batchSize,
            "\(setting: "frames") (\(frames)) ends before the replay memory holds one batch (\(setting: "batch-size") \(batchSize)): no update would be made"
        )
        try require(
            Float(priorEps).isNormal,
            "\(setting: "prior-eps") \(priorEps) is below the smallest normal 32-bit float (\(Float.leastNormalMagnitude)), the priorities' precision: a transition could get priority 0"
        )
        // A component's own setting changed while the component is off would change nothing.
        for setting in Self.settings where setting.value(in: self) != setting.defaultValue {
            guard let part = setting.part, !setting.applies(in: self) else { continue }
            throw AgentError.invalidValue(
                "\(setting: setting.name) counts only with \(setting: part): add \(setting: part), or leave \(setting: setting.name) out"
            )
        }
        try require(
            !(iqn && categorical),
            "\(setting: "iqn") and \(setting: "categorical") are two ways to learn the return's distribution: choose one"
        )
        // The support's atoms are 32-bit floats, the network's precision: they must rise, each above the last.
        let atomsRise = zip(support, support.dropFirst()).allSatisfy { $0 < $1 }
        try require(
            !categorical
                || (Float(vMin) < Float(vMax) && Float((vMax - vMin) / Double(atoms - 1)).isNormal && atomsRise),
            "\(setting: "v-min") (\(vMin)) must lie below \(setting: "v-max") (\(vMax)), with room for \(atoms) distinct atoms in 32-bit floats"
        )
        try require(
            checkpointEvery == 0 || frames / checkpointEvery <= 1000,
            "\(setting: "checkpoint-every") \(checkpointEvery) writes \(frames / max(checkpointEvery, 1)) checkpoints; at most 1000 are kept (every \((frames + 999) / 1000) frames or more)"
        )
    }

    /// What messages call these settings.
    public static let settingsNoun = "training"

    /// Each setting, once, in the order options list them.
    public static let settings: [TrainingSetting] = [
        .choice(
            "env", \.environment, label: "environment",
            help: "Environment id: CartPole-v0 (200-step episodes) or CartPole-v1 (500)."),
        .count("frames", \.frames, 1...100_000_000, label: "frames", help: "Environment steps to train for."),
        .count(
            "memory-size", \.memorySize, 1...10_000_000, label: "replay memory",
            help: "Transitions each replay memory holds."),
        .count("batch-size", \.batchSize, 1...65536, label: "batch size", help: "Transitions per update."),
        .integer(
            "target-update", \.targetUpdate, .init(lower: 1, unit: "updates"), label: "target update",
            help: "Updates between hard copies of the online network into the target network."),
        .real(
            "epsilon-decay", \.epsilonDecay, .init(lower: 0, lowerOpen: true, upper: 1), label: "epsilon decay",
            help: "Fraction of (max-epsilon - min-epsilon) removed after each update."),
        .real(
            "max-epsilon", \.maxEpsilon, .init(lower: 0, upper: 1), label: "initial epsilon",
            help: "Exploration rate at the start."),
        .real(
            "min-epsilon", \.minEpsilon, .init(lower: 0, upper: 1), label: "final epsilon",
            help: "Exploration rate it decays to."),
        .real("gamma", \.gamma, .init(lower: 0, lowerOpen: true, upper: 1), label: "gamma", help: "Discount factor."),
        .count("n-step", \.nStep, 1...1000, label: "n-step", help: "Steps of the n-step return (1 is plain DQN)."),
        .flag(
            "double", \.double, label: "double DQN",
            help:
                "Double DQN (rainbow chapter 02): the online network picks the next state's action, the target network values it.",
            introduced: 2),
        .flag(
            "prioritized", \.prioritized, label: "prioritized replay",
            help:
                "Prioritized replay (rainbow chapter 03): transitions are drawn in proportion to their last loss (plus --prior-eps) raised to --alpha, and weighted back by importance weights whose exponent goes from --beta to 1 over the frames.",
            introduced: 4),
        .real(
            "alpha", \.alpha, .init(lower: 0, upper: 1), label: "priority exponent",
            help: "How much prioritized replay prioritizes (0: uniform draws).", introduced: 4
        ).part(of: "prioritized"),
        .real(
            "beta", \.beta, .init(lower: 0, lowerOpen: true, upper: 1), label: "importance exponent",
            help: "Prioritized replay's importance-weight exponent at the start; it grows to 1 by the last frame.",
            introduced: 4
        ).part(of: "prioritized"),
        .real(
            "prior-eps", \.priorEps, .init(lower: 0, lowerOpen: true, upper: 1), label: "priority epsilon",
            help: "Added to each loss to make its priority, so that every transition can be drawn.", introduced: 4
        ).part(of: "prioritized"),
        .flag(
            "dueling", \.dueling, label: "dueling network",
            help:
                "Dueling network (rainbow chapter 04): a feature layer, then a value stream and an advantage stream, q = value + advantage - mean(advantage).",
            introduced: 5),
        .real(
            "clip-grad-norm", \.clipGradNorm, .init(lower: 0, upper: 1e6), label: "gradient norm clip",
            help: "The gradient's largest Euclidean norm, as PyTorch's clip_grad_norm_ (0: not clipped).",
            introduced: 5),
        .flag(
            "noisy", \.noisy, label: "noisy network",
            help:
                "Noisy network (rainbow chapter 05): the last two layers' weights are mu + sigma * noise, drawn anew after each update; actions are the noisy network's greedy ones (set the epsilons to 0 for none at random), the target and evaluations use the means.",
            introduced: 6),
        .real(
            "sigma0", \.sigma0, .init(lower: 0, lowerOpen: true, upper: 10), label: "noise scale",
            help: "The noisy layers' initial sigma, sigma0 / sqrt(fan-in) (chapter 05's std_init).", introduced: 6
        ).part(of: "noisy"),
        .flag(
            "categorical", \.categorical, label: "categorical network",
            help:
                "Categorical DQN (rainbow chapter 06, C51): each action's return is a distribution on --atoms values from --v-min to --v-max, learned by the cross-entropy with the target's projected distribution; Q is its mean.",
            introduced: 7),
        .count(
            "atoms", \.atoms, 2...mostAtoms, label: "atoms", help: "The categorical distribution's atoms.",
            introduced: 7
        ).part(of: "categorical"),
        .real(
            "v-min", \.vMin, .init(lower: -1e6, upper: 1e6), label: "lowest return",
            help: "The categorical distribution's lowest return.", introduced: 7
        ).part(of: "categorical"),
        .real(
            "v-max", \.vMax, .init(lower: -1e6, upper: 1e6), label: "highest return",
            help: "The categorical distribution's highest return.", introduced: 7
        ).part(of: "categorical"),
        .flag(
            "iqn", \.iqn, label: "implicit quantile network",
            help:
                "Implicit quantile network (rainbow chapter 09, IQN): each action's return as its quantile function of a fraction embedded by --quantile-embedding-dim cosines, learned at random fractions by the quantile Huber loss; Q is its mean over --quantile-samples fractions (random ones while training, the midpoints of equal parts when played).",
            introduced: 8),
        .count(
            "tau-samples", \.tauSamples, 1...mostQuantiles, label: "online fractions",
            help: "The online network's fractions per transition of a batch (chapter 09's n_tau_samples).",
            introduced: 8
        ).part(of: "iqn"),
        .count(
            "tau-prime-samples", \.tauPrimeSamples, 1...mostQuantiles, label: "target fractions",
            help: "The target network's fractions per next state (n_tau_prime_samples).", introduced: 8
        ).part(of: "iqn"),
        .count(
            "quantile-samples", \.quantileSamples, 1...mostQuantiles, label: "acting fractions",
            help: "The fractions whose quantiles' mean picks an action (n_quantile_samples).", introduced: 8
        ).part(of: "iqn"),
        .count(
            "quantile-embedding-dim", \.quantileEmbeddingDim, 1...mostQuantiles, label: "fraction cosines",
            help: "The cosines cos(pi i tau), i = 1 to this, that embed a fraction (quantile_embedding_dim).",
            introduced: 8
        ).part(of: "iqn"),
        .real(
            "kappa", \.kappa, .init(lower: 0, lowerOpen: true, upper: 1e6), label: "quantile loss divisor",
            help: "The quantile Huber loss is divided by it (chapter 09's kappa; its Huber threshold stays 1).",
            introduced: 8
        ).part(of: "iqn"),
        .unsigned(
            "seed", \.seed, label: "seed", help: "Random seed: the same seed gives the same run, bit for bit."),
        .count("hidden", \.hidden, 1...4096, label: "hidden units", help: "Units in each of the two hidden layers."),
        .real(
            "lr", \.learningRate, .init(lower: 0, lowerOpen: true, upper: 10, upperOpen: true),
            label: "learning rate", help: "Adam's learning rate."),
        .choice(
            "time-limit", \.timeLimit, label: "time-limit truncation",
            help:
                "How a time-limit truncation enters the targets: terminal (the notebook's: it masks bootstrapping like a termination) or bootstrap (Gymnasium's: it bootstraps, discounted by gamma^k)."
        ),
        .choice(
            "reset", \.reset, label: "seeded resets",
            help:
                "Which training resets --seed seeds: first (Gymnasium's: reset(seed) once, then reset()) or every (the rainbow chapters': reset(seed) at every episode, each starting in the same state).",
            introduced: 3),
        .integer(
            "eval-every", \.evalEvery, .init(lower: 0, unit: "frames"), label: "evaluation every",
            help: "Frames between evaluations (greedy episodes on separately seeded environments; 0: none)."),
        .count(
            "eval-episodes", \.evalEpisodes, 1...10000, label: "evaluation episodes",
            help: "Episodes of each evaluation."),
        .integer(
            "checkpoint-every", \.checkpointEvery, .init(lower: 0, unit: "frames"), label: "checkpoint every",
            help:
                "Frames between checkpoints, checkpoints/agent-FRAME.safetensors (0: none; run keeps 40 for its progress video unless told)."
        ),
    ]
}

extension TrainingConfiguration {
    /// The categorical network's support (`QNetwork.support(atoms:vMin:vMax:)`); empty without one.
    package var support: [Float] { categorical ? QNetwork.support(atoms: atoms, vMin: vMin, vMax: vMax) : [] }

    /// An implicit quantile network's fractions per pass and κ; nil without one.
    package var fractions: DQNLoss.Fractions? {
        iqn
            ? DQNLoss.Fractions(
                online: tauSamples, target: tauPrimeSamples, acting: quantileSamples, kappa: Float(kappa)) : nil
    }

    /// Whether each update computes its next states' values afresh (Double DQN's online network changes
    /// every update, a categorical network's values are too many to keep per slot, an implicit quantile
    /// network's are at fractions drawn for the update) rather than from the target values' cache.
    package var computesNextValuesAfresh: Bool { double || categorical || iqn }

    /// A network of these settings' shape, without weights.
    package var networkShape: QNetwork {
        QNetwork(
            hidden: hidden, dueling: dueling, noisy: noisy, support: support, embedding: iqn ? quantileEmbeddingDim : 0,
            quantiles: iqn ? quantileSamples : 0)
    }
}

extension TrainingConfiguration {
    /// What the settings train, in words: "Rainbow" with every component (as chapter 08), else its
    /// components before "DQN" ("3-step Double DQN", "Categorical DQN", "DQN with prioritized replay").
    public var algorithm: String {
        if nStep > 1 && double && prioritized && dueling && noisy && categorical { return "Rainbow" }
        if nStep > 1 && double && prioritized && dueling && noisy && iqn { return "Rainbow IQN" }
        let parts = [
            nStep > 1 ? "\(nStep)-step" : nil, double ? "Double" : nil, dueling ? "Dueling" : nil,
            noisy ? "Noisy" : nil, categorical ? "Categorical" : nil, iqn ? "Implicit Quantile" : nil,
        ].compactMap { $0 }
        return (parts + ["DQN"]).joined(separator: " ") + (prioritized ? " with prioritized replay" : "")
    }
}
