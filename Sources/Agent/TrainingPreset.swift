import OutputFiles

/// A chapter of rainbow-is-all-you-need as settings: what its own agent is given (memory size, target
/// update, epsilon decay, components, the time limit's bootstrapping), so that `--preset NAME` trains as that
/// chapter does. Settings given beside a preset override its values; the CartPole the chapters make
/// (`CartPole-v1` cut at 200 steps) is CartPole-v0, and their Adam's learning rate, network widths, gamma,
/// epsilons and seed are the defaults.
public struct TrainingPreset: Sendable, Equatable {
    /// The preset's name, as `--preset` and `compare --vary preset=...` take it.
    public let name: String
    /// The chapter's file.
    public let chapter: String
    /// The settings it changes from the defaults, by name and written value.
    public let settings: [String: String]

    /// What `--preset` does, in a sentence.
    public static let help =
        "Train as a chapter of rainbow-is-all-you-need does (its memory size, components, ...); options given beside it override its values."

    /// The chapters whose components this tool has, in the series' order.
    public static let all: [TrainingPreset] = [
        TrainingPreset(name: "dqn", chapter: "01_dqn.py", settings: chapterOne),
        TrainingPreset(
            name: "double", chapter: "02_double_q.py", settings: chapterOne.merging(["double": "true"]) { $1 }),
        TrainingPreset(
            name: "per", chapter: "03_per.py",
            settings: chapterOne.merging(["prioritized": "true", "target-update": "150"]) { $1 }),
        TrainingPreset(
            name: "dueling", chapter: "04_dueling.py",
            settings: chapterOne.merging(["dueling": "true", "clip-grad-norm": "10"]) { $1 }),
        TrainingPreset(
            name: "noisy", chapter: "05_noisy_net.py",
            settings: chapterOne.merging([
                "noisy": "true", "target-update": "150", "max-epsilon": "0", "min-epsilon": "0",
            ]) { $1 }),
        TrainingPreset(
            name: "categorical", chapter: "06_categorical_dqn.py",
            settings: chapterOne.merging(["categorical": "true", "target-update": "150"]) { $1 }),
        // Chapter 07 as the seed notebook has it: the defaults.
        TrainingPreset(name: "n-step", chapter: "07_n_step_learning.py", settings: [:]),
        // Chapter 08: every component, its n-step memory beside the prioritized one, no epsilon.
        TrainingPreset(
            name: "rainbow", chapter: "08_rainbow.py",
            settings: [
                "memory-size": "5000", "reset": "every", "time-limit": "bootstrap", "double": "true",
                "prioritized": "true", "dueling": "true",
                "clip-grad-norm": "10", "noisy": "true", "categorical": "true", "max-epsilon": "0",
                "min-epsilon": "0",
            ]),
        // Chapter 09: chapter 08's components with an implicit quantile network in place of the categorical.
        TrainingPreset(
            name: "rainbow-iqn", chapter: "09_rainbow_iqn.py",
            settings: [
                "memory-size": "5000", "reset": "every", "time-limit": "bootstrap", "double": "true",
                "prioritized": "true", "dueling": "true", "clip-grad-norm": "10", "noisy": "true", "iqn": "true",
                "max-epsilon": "0", "min-epsilon": "0",
            ]),
    ]

    /// Chapter 01's agent: a 10000-transition memory, 1-step targets, every episode reset with the seed, and
    /// a time-limit truncation bootstrapped (the chapters store `terminated`, not `done`, as the mask).
    private static let chapterOne = [
        "memory-size": "10000", "n-step": "1", "reset": "every", "time-limit": "bootstrap",
    ]

    /// The preset called `name`.
    public static func named(_ name: String) throws(AgentError) -> TrainingPreset {
        guard let preset = all.first(where: { $0.name == name }) else {
            throw .invalidValue(
                "\(setting: "preset") '\(MessageText.shown(name))' is not one of \(all.map(\.name).joined(separator: ", "))"
            )
        }
        return preset
    }

    /// The settings of `preset` (the defaults when nil) with `given` written over them.
    public static func configuration(_ preset: TrainingPreset?, _ given: [String: String]) throws(AgentError)
        -> TrainingConfiguration
    {
        try TrainingConfiguration(settings: (preset?.settings ?? [:]).merging(given) { $1 })
    }

    /// The settings of the preset called `name` (the defaults when nil) with `given` written over them.
    public static func configuration(named name: String?, _ given: [String: String]) throws(AgentError)
        -> TrainingConfiguration
    {
        guard let name else { return try configuration(nil, given) }
        return try configuration(named(name), given)
    }
}
