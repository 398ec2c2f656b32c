import Agent
import OutputFiles

/// Why a job refuses what it was given, or could not finish: cases that carry the settings they concern
/// by name (`frames`, `out`), worded in one place by `worded`, so that a front end names them as it
/// presents settings (the CLI writes `--frames`); a setting named inside a problem's text is marked with
/// `MessageText.setting`.
public enum JobError: Error, CustomStringConvertible, Equatable {
    /// `setting`'s value cannot be used; `problem` says why and what to do ("must be between 1 and 240
    /// (got 0)").
    case value(setting: String, problem: String)
    /// `setting` was given with settings it does not go with; `reason` says what it does instead.
    case excludes(setting: String, others: [String], reason: String)
    /// `settings` were given without `other`, which they go with.
    case requires(settings: [String], other: String)
    /// A value the Agent module refuses: a setting's, an environment id, the kernels asked for.
    case agent(AgentError)
    /// `what` needs more memory than the machine has; `detail` says where it goes, `lower` what to lower.
    case memory(what: String, needed: Int, available: Int, detail: String, lower: [String])
    /// An input that `setting` names (a file, a folder) cannot be used.
    case input(setting: String, problem: String)
    /// The job ran and could not give its result; `reason` says why.
    case failed(String)

    /// Whether the fault is in the values given (a usage error: the CLI exits 64) rather than in what
    /// they name or in the work.
    public var isUsage: Bool {
        switch self {
        case .value, .excludes, .requires, .agent, .memory: true
        case .input, .failed: false
        }
    }

    /// The message with every setting written by `name`.
    public func worded(_ name: (String) -> String) -> String {
        switch self {
        case .value(let setting, let problem), .input(let setting, let problem):
            "\(name(setting)) \(MessageText.word(problem, name))"
        case .excludes(let setting, let others, let reason):
            "\(name(setting)) takes no \(Self.list(others.map(name), or: true)): \(reason)"
        case .requires(let settings, let other):
            "\(Self.list(settings.map(name), or: false)) \(settings.count > 1 ? "go" : "goes") with \(name(other))"
        case .agent(let error): error.worded(name)
        case .memory(let what, let needed, let available, let detail, let lower):
            "\(what) about \(MessageText.gibibytes(needed)) of memory, more than the \(MessageText.gibibytes(available)) "
                + "this machine has\(detail.isEmpty ? "" : ": " + detail); lower \(Self.list(lower.map(name), or: true))"
        case .failed(let reason): MessageText.word(reason, name)
        }
    }

    /// The message with settings by their bare names.
    public var description: String { worded { $0 } }

    /// "a", "a and b", "a, b and c" (or "or").
    static func list(_ words: [String], or: Bool) -> String {
        guard let last = words.last, words.count > 1 else { return words.first ?? "" }
        return words.dropLast().joined(separator: ", ") + (or ? " or " : " and ") + last
    }
}
