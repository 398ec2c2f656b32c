import Agent
import Testing

/// `TrainingConfiguration.settings`: each setting described once, and what is derived from it.
@Suite struct TrainingSettingTests {
    @Test func namesAreUniqueAndInTheNotebooksSpelling() {
        let names = TrainingConfiguration.settings.map(\.name)
        #expect(Set(names).count == names.count)
        // Lowercase words joined by hyphens; a digit may end one (sigma0, the noisy layers' σ0).
        #expect(
            names.allSatisfy {
                $0.first?.isLowercase == true && $0.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" }
            })
        for required in ["frames", "memory-size", "batch-size", "target-update", "n-step", "gamma", "seed", "lr"] {
            #expect(names.contains(required), "\(required)")
        }
    }

    /// Writing a value and setting it back gives the same configuration, for every setting.
    @Test func everyValueRoundTripsThroughItsWrittenForm() throws {
        var changed = TrainingConfiguration()
        changed.environment = .v1
        changed.frames = 1234
        changed.gamma = 0.9
        changed.learningRate = 3e-4
        changed.epsilonDecay = 1.0 / 3
        changed.timeLimit = .bootstrap
        changed.seed = .max
        changed.checkpointEvery = 7
        let written = changed.settingValues
        #expect(try TrainingConfiguration(settings: written) == changed)
        #expect(written["lr"] == "0.0003" && written["seed"] == "\(UInt64.max)" && written["env"] == "CartPole-v1")
        #expect(try TrainingConfiguration(settings: [:]) == TrainingConfiguration())
    }

    /// Every setting's default, pinned: the notebook's (its cells 6 to 8, `DQNAgent.__init__`'s defaults,
    /// `optim.Adam`'s learning rate, the network's 128 units, `done = terminated or truncated`), and ours for
    /// what the notebook does not do. A new setting must say its default here.
    @Test func theDefaultsAreValidAndTheNotebooks() throws {
        let defaults = TrainingConfiguration()
        try defaults.validate()
        let notebook = [
            "env": "CartPole-v0", "frames": "20000", "memory-size": "2000", "batch-size": "32",
            "target-update": "100", "epsilon-decay": "0.0005", "max-epsilon": "1.0", "min-epsilon": "0.1",
            "gamma": "0.99", "n-step": "3", "seed": "777", "hidden": "128", "lr": "0.001", "time-limit": "terminal",
        ]
        // Not in the notebook: evaluations during training, checkpoints; the series' other components, off.
        let ours = [
            "eval-every": "1000", "eval-episodes": "10", "checkpoint-every": "0", "double": "false",
            "reset": "first", "prioritized": "false",
            // Chapter 03's agent's defaults for prioritized replay.
            "alpha": "0.2", "beta": "0.6", "prior-eps": "1e-06", "dueling": "false", "clip-grad-norm": "0.0",
            "noisy": "false", "sigma0": "0.5",
            // Chapter 06's agent's support.
            "categorical": "false", "atoms": "51", "v-min": "0.0", "v-max": "200.0",
            // Chapter 09's agent's fractions, cosines and kappa.
            "iqn": "false", "tau-samples": "32", "tau-prime-samples": "32", "quantile-samples": "32",
            "quantile-embedding-dim": "64", "kappa": "1.0",
        ]
        #expect(defaults.settingValues == notebook.merging(ours) { $1 })
        #expect(defaults.epsilonDecay == 1.0 / 2000, "the notebook's 1 / 2000, exactly")
    }

    /// A component's own settings count only while its flag is on (the report lists no atoms for a plain
    /// DQN); each names an on/off setting as its component.
    @Test func aComponentsSettingsApplyOnlyWhileItIsOn() throws {
        let settings = TrainingConfiguration.settings
        for setting in settings {
            guard let part = setting.part else { continue }
            #expect(try TrainingConfiguration.setting(named: part).isFlag, "\(setting.name)'s part \(part)")
        }
        let applying = { (configuration: TrainingConfiguration) in
            Set(settings.filter { $0.applies(in: configuration) }.map(\.name))
        }
        let plain = applying(TrainingConfiguration())
        #expect(plain.isDisjoint(with: ["alpha", "beta", "prior-eps", "sigma0", "atoms", "v-min", "v-max", "kappa"]))
        #expect(plain.isSuperset(of: ["prioritized", "noisy", "categorical", "iqn", "clip-grad-norm", "n-step"]))
        var rainbow = TrainingConfiguration()
        rainbow.prioritized = true
        rainbow.noisy = true
        rainbow.categorical = true
        #expect(applying(rainbow).isSuperset(of: ["alpha", "beta", "prior-eps", "sigma0", "atoms", "v-min", "v-max"]))
        #expect(!applying(rainbow).contains("tau-samples"))
        var rainbowIQN = rainbow
        rainbowIQN.categorical = false
        rainbowIQN.iqn = true
        #expect(applying(rainbowIQN).isSuperset(of: ["tau-samples", "kappa", "alpha", "sigma0"]))
        #expect(applying(rainbowIQN).isDisjoint(with: ["atoms", "v-min", "v-max"]))
    }

    /// Each setting's range is checked by its description, and the message names the setting.
    @Test func valuesOutsideTheirRangeNameTheSetting() {
        let cases: [(String, String, String)] = [
            ("frames", "0", "frames must be between 1 and 100000000 (got 0)"),
            ("gamma", "1.5", "gamma must be in (0, 1] (got 1.5)"),
            ("lr", "10", "lr must be in (0, 10) (got 10.0)"),
            ("target-update", "0", "target-update must be a positive number of updates (got 0)"),
            ("eval-every", "-1", "eval-every must be 0 or a positive number of frames (got -1)"),
            ("n-step", "x", "n-step takes a whole number (got 'x')"),
            ("hidden", "99999999999999999999", "hidden must be between 1 and 4096 (got '99999999999999999999')"),
            ("time-limit", "never", "time-limit takes one of terminal, bootstrap (got 'never')"),
            ("max-epsilon", "nan", "max-epsilon must be in [0, 1] (got nan)"),
        ]
        for (name, value, message) in cases {
            do {
                _ = try TrainingConfiguration(settings: [name: value])
                Issue.record("\(name)=\(value) was accepted")
            } catch {
                #expect(error.description == message)
                #expect(error.worded { "--" + $0 }.hasPrefix("--" + name), "the name is marked for a front end")
            }
        }
        #expect(throws: AgentError.self) { try TrainingConfiguration(settings: ["frame": "5"]) }
    }

    /// Rules between settings hold whatever order they are set in.
    @Test func rulesBetweenSettingsAreChecked() throws {
        let small = try TrainingConfiguration(settings: ["memory-size": "10", "batch-size": "32"])
        #expect(throws: AgentError.self) { try small.validate() }
        let many = try TrainingConfiguration(settings: ["frames": "100000", "checkpoint-every": "10"])
        #expect(throws: AgentError.self) { try many.validate() }
        // Prioritized replay's own settings need it on.
        for name in ["alpha", "beta", "prior-eps"] {
            let alone = try TrainingConfiguration(settings: [name: "0.5"])
            #expect(throws: AgentError.self) { try alone.validate() }
            try TrainingConfiguration(settings: [name: "0.5", "prioritized": "true"]).validate()
        }
        #expect(throws: AgentError.self) { try TrainingConfiguration(settings: ["sigma0": "0.3"]).validate() }
        // The categorical network's own settings need it on, and room for the atoms.
        for (name, value) in [("atoms", "21"), ("v-min", "-10"), ("v-max", "100")] {
            #expect(throws: AgentError.self) { try TrainingConfiguration(settings: [name: value]).validate() }
            try TrainingConfiguration(settings: [name: value, "categorical": "true"]).validate()
        }
        for (low, high) in [("5", "5"), ("10", "-10"), ("0", "1e-40")] {
            let support = try TrainingConfiguration(settings: ["categorical": "true", "v-min": low, "v-max": high])
            #expect(throws: AgentError.self) { try support.validate() }
        }
        // Chapter 08's network: noisy, dueling and categorical together.
        try TrainingConfiguration(settings: ["noisy": "true", "dueling": "true", "categorical": "true"]).validate()
        // The implicit quantile network's settings need it, and it replaces the categorical network.
        for (name, value) in [
            ("tau-samples", "8"), ("tau-prime-samples", "8"), ("quantile-samples", "8"),
            ("quantile-embedding-dim", "16"), ("kappa", "2"),
        ] {
            #expect(throws: AgentError.self) { try TrainingConfiguration(settings: [name: value]).validate() }
            try TrainingConfiguration(settings: [name: value, "iqn": "true"]).validate()
        }
        #expect(throws: AgentError.self) {
            try TrainingConfiguration(settings: ["iqn": "true", "categorical": "true"]).validate()
        }
        let tiny = try TrainingConfiguration(settings: ["prior-eps": "1e-40", "prioritized": "true"])
        #expect(throws: AgentError.self) { try tiny.validate() }
    }
}

/// Each preset is its chapter's agent: what it changes from the defaults, written under options given beside it.
@Suite struct TrainingPresetTests {
    @Test func presetsAreTheirChaptersSettings() throws {
        #expect(
            TrainingPreset.all.map(\.name) == [
                "dqn", "double", "per", "dueling", "noisy", "categorical", "n-step", "rainbow", "rainbow-iqn",
            ])
        let dqn = try TrainingPreset.configuration(named: "dqn", [:])
        #expect(dqn.memorySize == 10000 && dqn.nStep == 1 && !dqn.double && dqn.reset == .every)
        // The chapters' agents store `terminated` as the mask: a time-limit truncation bootstraps.
        #expect(
            try TrainingPreset.all.filter { $0.name != "n-step" }.allSatisfy {
                try TrainingPreset.configuration($0, [:]).timeLimit == .bootstrap
            })
        #expect(dqn.targetUpdate == 100 && dqn.epsilonDecay == 1.0 / 2000 && dqn.frames == 20000 && dqn.hidden == 128)
        let double = try TrainingPreset.configuration(named: "double", ["frames": "500"])
        #expect(double.double && double.memorySize == 10000 && double.nStep == 1 && double.frames == 500)
        #expect(try TrainingPreset.configuration(named: "n-step", [:]) == TrainingConfiguration())
        #expect(try TrainingPreset.configuration(named: nil, ["n-step": "2"]).nStep == 2)
        let per = try TrainingPreset.configuration(named: "per", [:])
        #expect(per.prioritized && per.alpha == 0.2 && per.beta == 0.6 && per.priorEps == 1e-6)
        #expect(per.memorySize == 10000 && per.targetUpdate == 150 && per.nStep == 1 && !per.double)
        let dueling = try TrainingPreset.configuration(named: "dueling", [:])
        #expect(dueling.dueling && dueling.clipGradNorm == 10 && dueling.targetUpdate == 100 && !dueling.prioritized)
        #expect(dueling.memorySize == 10000 && dueling.nStep == 1 && dueling.reset == .every)
        let noisy = try TrainingPreset.configuration(named: "noisy", [:])
        #expect(noisy.noisy && noisy.sigma0 == 0.5 && noisy.targetUpdate == 150 && noisy.maxEpsilon == 0)
        #expect(noisy.minEpsilon == 0 && noisy.memorySize == 10000 && noisy.nStep == 1 && !noisy.dueling)
        let categorical = try TrainingPreset.configuration(named: "categorical", [:])
        #expect(categorical.categorical && categorical.atoms == 51 && categorical.vMin == 0 && categorical.vMax == 200)
        #expect(categorical.targetUpdate == 150 && categorical.memorySize == 10000 && categorical.nStep == 1)
        #expect(categorical.maxEpsilon == 1 && !categorical.double && categorical.reset == .every)
        let rainbow = try TrainingPreset.configuration(named: "rainbow", [:])
        #expect(rainbow.double && rainbow.prioritized && rainbow.dueling && rainbow.noisy && rainbow.categorical)
        #expect(rainbow.memorySize == 5000 && rainbow.targetUpdate == 100 && rainbow.nStep == 3)
        #expect(rainbow.clipGradNorm == 10 && rainbow.maxEpsilon == 0 && rainbow.minEpsilon == 0)
        #expect(rainbow.alpha == 0.2 && rainbow.beta == 0.6 && rainbow.atoms == 51 && rainbow.reset == .every)
        let iqn = try TrainingPreset.configuration(named: "rainbow-iqn", [:])
        #expect(iqn.double && iqn.prioritized && iqn.dueling && iqn.noisy && iqn.iqn && !iqn.categorical)
        #expect(iqn.memorySize == 5000 && iqn.targetUpdate == 100 && iqn.nStep == 3 && iqn.clipGradNorm == 10)
        #expect(iqn.maxEpsilon == 0 && iqn.minEpsilon == 0 && iqn.reset == .every && iqn.batchSize == 32)
        #expect(iqn.tauSamples == 32 && iqn.tauPrimeSamples == 32 && iqn.quantileSamples == 32 && iqn.kappa == 1)
        #expect(throws: AgentError.self) { try TrainingPreset.configuration(named: "iqn", [:]) }
        // What each trains, in words, as the report's title says it.
        let names = try TrainingPreset.all.map { try TrainingPreset.configuration($0, [:]).algorithm }
        #expect(
            names == [
                "DQN", "Double DQN", "DQN with prioritized replay", "Dueling DQN", "Noisy DQN", "Categorical DQN",
                "3-step DQN", "Rainbow", "Rainbow IQN",
            ])
    }
}
