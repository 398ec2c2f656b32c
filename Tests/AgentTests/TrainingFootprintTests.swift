import Agent
import OutputFiles
import Testing

@Suite struct TrainingFootprintTests {
    @Test func theDefaultsNeedLittleAndFramesScaleLinearly() {
        let defaults = TrainingFootprint(TrainingConfiguration())
        #expect(defaults.bytes < 200 << 20, "\(defaults.bytes)")
        var longer = TrainingConfiguration()
        longer.frames = 20_000_000
        let estimate = TrainingFootprint(longer)
        #expect(estimate.largest.settings == ["frames"])
        #expect(estimate.bytes - defaults.bytes == (20_000_000 - 20000) * 140)
    }

    @Test func theUpdateBuffersAreNamedWhenTheyDominate() {
        var configuration = TrainingConfiguration()
        configuration.batchSize = 65536
        configuration.memorySize = 65536
        configuration.hidden = 4096
        let estimate = TrainingFootprint(configuration)
        #expect(estimate.largest.settings == ["batch-size", "hidden"])
        #expect(estimate.bytes > 12 << 30)
    }

    /// Options past every limit (as a configuration built in code may have) saturate instead of trapping.
    /// The networks' part counts every parameter of the network the settings make, dueling or not, five times
    /// (online, target, gradient, Adam's moments); prioritized replay's trees enlarge the memories' part.
    @Test func theNetworksAndTheTreesAreCounted() {
        for dueling in [false, true] {
            for (categorical, noisy) in [(false, false), (true, false), (true, true)] {
                var configuration = TrainingConfiguration()
                configuration.hidden = 96
                configuration.dueling = dueling
                configuration.categorical = categorical
                configuration.noisy = noisy
                configuration.atoms = 21
                let network = TrainingFootprint(configuration).parts.first { $0.what.contains("networks") }
                // Online, target, gradient and Adam's moments; a noisy one's noise, noisy copy and its gradient.
                let atoms = categorical ? 21 : 1
                let count = QNetwork.parameterCount(hidden: 96, dueling: dueling, noisy: noisy, atoms: atoms)
                let noise = noisy ? QNetwork.noisyCount(hidden: 96, dueling: dueling, atoms: atoms) : 0
                let means = QNetwork.parameterCount(hidden: 96, dueling: dueling, atoms: atoms)
                #expect(network?.bytes == count * 20 + (noise + (noisy ? 2 * means : 0)) * 4)
            }
        }
        var prioritized = TrainingConfiguration()
        prioritized.prioritized = true
        let replay = { (c: TrainingConfiguration) in TrainingFootprint(c).parts.first { $0.what.contains("replay") } }
        #expect((replay(prioritized)?.bytes ?? 0) > (replay(TrainingConfiguration())?.bytes ?? 0))
        #expect(replay(prioritized)?.settings == ["memory-size", "prioritized"])
    }

    @Test func absurdOptionsSaturate() {
        var configuration = TrainingConfiguration()
        configuration.frames = .max
        configuration.hidden = .max / 2
        configuration.batchSize = .max
        configuration.memorySize = .max
        #expect(TrainingFootprint(configuration).bytes == .max)
    }
}

/// The Agent names settings, never a front end's options: the CLI words them.
@Suite struct SettingNamesTests {
    @Test func aConfigurationsErrorNamesTheSettingForTheFrontEndToWord() {
        var configuration = TrainingConfiguration()
        configuration.batchSize = 64
        configuration.memorySize = 32
        #expect(throws: AgentError.self) { try configuration.validate() }
        do { try configuration.validate() } catch {
            #expect(
                error.description
                    == "batch-size (64) must not exceed memory-size (32): a batch is drawn from the memory")
            #expect(
                error.worded { "--" + $0 }
                    == "--batch-size (64) must not exceed --memory-size (32): a batch is drawn from the memory")
            #expect(!error.description.contains("--"))
        }
    }

    /// Only the parts that name settings are worded: text that looks like a setting, or holds the control
    /// characters an earlier version marked settings with, is words.
    @Test func onlyTheSettingsPartsAreWorded() {
        let text: SettingText = "{frames} and \(setting: "frames") and \u{1}frames\u{2} and \("frames")"
        #expect(text.worded { "--" + $0 } == "{frames} and --frames and \u{1}frames\u{2} and frames")
        #expect(AgentError.invalidValue(text).worded { "--" + $0 }.hasPrefix("{frames} and --frames and"))
    }
}
