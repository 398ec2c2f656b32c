/// A user's mistake or a bad file met by the Agent module; the description says what to do.
public enum AgentError: Error, CustomStringConvertible, Equatable {
    /// A value (option, id, configuration) that cannot be used.
    case invalidValue(String)
    /// A checkpoint that cannot be read, with the path and what is wrong with it.
    case badCheckpoint(path: String, reason: String)
    /// A file that could not be written or read.
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let message): message
        case .badCheckpoint(let path, let reason): "\(path) is not a usable agent checkpoint: \(reason)"
        case .io(let path, let reason): "\(path): \(reason)"
        }
    }
}
