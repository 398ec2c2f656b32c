import OutputFiles

/// A user's mistake or a bad file met by the Agent module; the message says what to do.
///
/// Messages name settings by their names (`frames`, `batch-size`: the notebook's parameters) as parts of
/// a `SettingText`, so that a front end words them as it presents settings (`worded`: the CLI writes
/// `--frames`); `description` writes the bare names.
public enum AgentError: SettingTextError, Equatable {
    /// `setting`'s value `got` is refused: it `requirement` ("must be between 1 and 4096", "takes a number").
    case value(setting: String, requirement: String, got: String)
    /// A value (a setting's beside others, an id) that cannot be used, and why.
    case invalidValue(SettingText)
    /// A checkpoint that cannot be read, with the path and what is wrong with it.
    case badCheckpoint(path: String, reason: String)
    /// A file that could not be written or read.
    case io(path: String, reason: SettingText)

    /// The message, its settings named as parts of it.
    public var text: SettingText {
        switch self {
        case .value(let setting, let requirement, let got): "\(setting: setting) \(requirement) (got \(got))"
        case .invalidValue(let message): message
        case .badCheckpoint(let path, let reason): SettingText("\(path) is not a usable agent checkpoint: \(reason)")
        case .io(let path, let reason): "\(path): \(reason)"
        }
    }

    /// The message with every setting written by `name`.
    public func worded(_ name: (String) -> String) -> String { text.worded(name) }
}
