import Agent
import ArgumentParser
import CartPoleKit

/// The training options of `train`, `run` and `compare`: one per `TrainingConfiguration.settings`, named,
/// explained and checked by that description (a test holds the two lists equal). An option not given
/// keeps the setting's default.
struct TrainingOptions: ParsableArguments {
    @Option(help: ArgumentHelp(TrainingPreset.help, valueName: TrainingPreset.all.map(\.name).joined(separator: "|")))
    var preset: String?
    @Option(help: help("env")) var env: String?
    @Option(parsing: .unconditional, help: help("frames")) var frames: String?
    @Option(parsing: .unconditional, help: help("memory-size")) var memorySize: String?
    @Option(parsing: .unconditional, help: help("batch-size")) var batchSize: String?
    @Option(parsing: .unconditional, help: help("target-update")) var targetUpdate: String?
    @Option(parsing: .unconditional, help: help("epsilon-decay")) var epsilonDecay: String?
    @Option(parsing: .unconditional, help: help("max-epsilon")) var maxEpsilon: String?
    @Option(parsing: .unconditional, help: help("min-epsilon")) var minEpsilon: String?
    @Option(parsing: .unconditional, help: help("gamma")) var gamma: String?
    @Option(parsing: .unconditional, help: help("n-step")) var nStep: String?
    @Flag(inversion: .prefixedNo, help: help("double")) var double: Bool?
    @Flag(inversion: .prefixedNo, help: help("prioritized")) var prioritized: Bool?
    @Option(parsing: .unconditional, help: help("alpha")) var alpha: String?
    @Option(parsing: .unconditional, help: help("beta")) var beta: String?
    @Option(parsing: .unconditional, help: help("prior-eps")) var priorEps: String?
    @Flag(inversion: .prefixedNo, help: help("dueling")) var dueling: Bool?
    @Option(parsing: .unconditional, help: help("clip-grad-norm")) var clipGradNorm: String?
    @Flag(inversion: .prefixedNo, help: help("noisy")) var noisy: Bool?
    @Option(parsing: .unconditional, help: help("sigma0")) var sigma0: String?
    @Flag(inversion: .prefixedNo, help: help("categorical")) var categorical: Bool?
    @Option(parsing: .unconditional, help: help("atoms")) var atoms: String?
    @Option(parsing: .unconditional, help: help("v-min")) var vMin: String?
    @Option(parsing: .unconditional, help: help("v-max")) var vMax: String?
    @Flag(inversion: .prefixedNo, help: help("iqn")) var iqn: Bool?
    @Option(parsing: .unconditional, help: help("tau-samples")) var tauSamples: String?
    @Option(parsing: .unconditional, help: help("tau-prime-samples")) var tauPrimeSamples: String?
    @Option(parsing: .unconditional, help: help("quantile-samples")) var quantileSamples: String?
    @Option(parsing: .unconditional, help: help("quantile-embedding-dim")) var quantileEmbeddingDim: String?
    @Option(parsing: .unconditional, help: help("kappa")) var kappa: String?
    @Option(parsing: .unconditional, help: help("seed", default: "777; compare uses 1 to --seeds")) var seed: String?
    @Option(parsing: .unconditional, help: help("hidden")) var hidden: String?
    @Option(parsing: .unconditional, help: help("lr")) var lr: String?
    @Option(help: help("time-limit")) var timeLimit: String?
    @Option(help: help("reset")) var reset: String?
    @Option(parsing: .unconditional, help: help("eval-every")) var evalEvery: String?
    @Option(parsing: .unconditional, help: help("eval-episodes")) var evalEpisodes: String?
    @Option(parsing: .unconditional, help: help("checkpoint-every")) var checkpointEvery: String?

    private static func help(_ name: String, default shown: String? = nil) -> ArgumentHelp {
        settingHelp(TrainingConfiguration.self, name, default: shown)
    }

    /// The options given on the command line, by setting name: an option's text, an on/off setting's
    /// `--name` as `true` and `--no-name` as `false` (`@Flag(inversion: .prefixedNo) var name: Bool?`).
    var given: [String: String] { Self.given(in: self) }

    /// The options given in `arguments`, a parsed value of options named after settings, as `given` says.
    static func given(in arguments: some ParsableArguments) -> [String: String] {
        var given: [String: String] = [:]
        for child in Mirror(reflecting: arguments).children {
            guard let label = child.label, label != "_preset" else { continue }
            if let option = child.value as? Option<String?>, let value = option.wrappedValue {
                given[Self.settingName(label)] = value
            } else if let flag = child.value as? Flag<Bool?>, let value = flag.wrappedValue {
                given[Self.settingName(label)] = "\(value)"
            }
        }
        return given
    }

    /// `_memorySize` → `memory-size`, as swift-argument-parser names the option of a property.
    static func settingName(_ propertyLabel: String) -> String {
        propertyLabel.drop { $0 == "_" }.map { $0.isUppercase ? "-" + $0.lowercased() : String($0) }.joined()
    }

    /// The configuration these options describe, each value checked on its own.
    func configuration() throws -> TrainingConfiguration {
        do { return try TrainingPreset.configuration(named: preset, given) } catch {
            throw ValidationError(error.worded(optionName))
        }
    }

    func validate() throws { _ = try configuration() }
}

/// The help of `Root`'s setting `name`: its description's, with its default (or `shown`) unless empty or
/// off, and up to four choices as the value's name.
func settingHelp<Root: SettingsRoot>(_ root: Root.Type, _ name: String, default shown: String? = nil) -> ArgumentHelp {
    guard let setting = try? Root.setting(named: name) else { preconditionFailure("no setting \(name)") }
    let value = shown ?? (setting.defaultValue == .boolean(true) ? "on" : setting.defaultValue.text)
    let choices = setting.choices.count <= 4 ? setting.choices : []
    return ArgumentHelp(
        setting.help + (value.isEmpty || value == "false" ? "" : " (default: \(value))"),
        valueName: choices.isEmpty ? nil : choices.joined(separator: "|"))
}
