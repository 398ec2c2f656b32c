import Agent
import OutputFiles

/// Why a job refuses what it was given, or could not finish: cases that carry the settings they concern
/// by name (`frames`, `out`), worded in one place (`text`), so that a front end names them as it presents
/// settings (the CLI writes `--frames`).
public enum JobError: SettingTextError, Equatable {
    /// `setting`'s value cannot be used; `problem` says why and what to do ("must be between 1 and 240
    /// (got 0)").
    case value(setting: String, problem: SettingText)
    /// `setting` was given with settings it does not go with; `reason` says what it does instead.
    case excludes(setting: String, others: [String], reason: String)
    /// `settings` were given without `other`, which they go with.
    case requires(settings: [String], other: String)
    /// A value the Agent module refuses: a setting's, an environment id, the kernels asked for.
    case agent(AgentError)
    /// `what` needs more memory than the machine has; `detail` says where it goes, `lower` what to lower.
    case memory(what: String, needed: Int, available: Int, detail: String, lower: [String])
    /// An input that `setting` names (a file, a folder) cannot be used.
    case input(setting: String, problem: SettingText)
    /// The job ran and could not give its result; `reason` says why.
    case failed(SettingText)

    /// Whether the fault is in the values given (a usage error: the CLI exits 64) rather than in what
    /// they name or in the work.
    public var isUsage: Bool {
        switch self {
        case .value, .excludes, .requires, .agent, .memory: true
        case .input, .failed: false
        }
    }

    /// The message, its settings named as parts of it.
    public var text: SettingText {
        switch self {
        case .value(let setting, let problem), .input(let setting, let problem): "\(setting: setting) \(problem)"
        case .excludes(let setting, let others, let reason):
            "\(setting: setting) takes no \(Self.list(others, or: true)): \(reason)"
        case .requires(let settings, let other):
            "\(Self.list(settings, or: false)) \(settings.count > 1 ? "go" : "goes") with \(setting: other)"
        case .agent(let error): error.text
        case .memory(let what, let needed, let available, let detail, let lower):
            "\(what) about \(MessageText.gibibytes(needed)) of memory, more than the \(MessageText.gibibytes(available)) "
                + "this machine has\(detail.isEmpty ? "" : ": " + detail); lower \(Self.list(lower, or: true))"
        case .failed(let reason): reason
        }
    }

    /// The message with every setting written by `name`.
    public func worded(_ name: (String) -> String) -> String { text.worded(name) }

    /// The settings named as "a", "a and b", "a, b and c" (or "or").
    static func list(_ settings: [String], or: Bool) -> SettingText {
        guard let last = settings.last, settings.count > 1 else { return settings.first.map { "\(setting: $0)" } ?? "" }
        let rest = settings.dropLast().map { "\(setting: $0)" as SettingText }
        return rest.dropFirst().reduce(rest[0]) { $0 + ", " + $1 } + (or ? " or " : " and ") + "\(setting: last)"
    }
}
