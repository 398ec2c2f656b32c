import OutputFiles

/// A user's mistake or a bad file met by the Agent module; the description says what to do.
///
/// A message names the settings it concerns by their names (`frames`, `batch-size`: the notebook's
/// parameters), marked with `setting(_:)`, so that a front end words them as it presents settings
/// (`worded`: the CLI writes `--frames`); `description` writes the bare names.
public enum AgentError: Error, CustomStringConvertible, Equatable {
    /// A value (a setting, an id) that cannot be used.
    case invalidValue(String)
    /// A checkpoint that cannot be read, with the path and what is wrong with it.
    case badCheckpoint(path: String, reason: String)
    /// A file that could not be written or read.
    case io(path: String, reason: String)

    /// `name` marked as a setting's name inside a message. The marks are control characters, which no
    /// text from input keeps (`MessageText` escapes them), so only the module's own words are taken.
    public static func setting(_ name: String) -> String { MessageText.setting(name) }

    /// The message with every marked setting written by `word`.
    public func worded(_ word: (String) -> String) -> String {
        let text: String
        switch self {
        case .invalidValue(let message): text = message
        case .badCheckpoint(let path, let reason): text = "\(path) is not a usable agent checkpoint: \(reason)"
        case .io(let path, let reason): text = "\(path): \(reason)"
        }
        return Self.word(text, word)
    }

    /// The message with settings by their bare names.
    public var description: String { worded { $0 } }

    /// `text` with every marked setting written by `word`.
    public static func word(_ text: String, _ word: (String) -> String) -> String { MessageText.word(text, word) }
}
