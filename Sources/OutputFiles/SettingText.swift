/// A message for a person that names settings: words and settings' names, kept apart so that a front end
/// words each setting as it presents settings (the CLI writes `--frames`); `description` writes the bare
/// names. Written as a string with `\(setting: "frames")` where a setting is named.
public struct SettingText: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    enum Part: Sendable, Equatable {
        case words(String)
        case setting(String)
    }

    var parts: [Part]

    /// Words that name no setting.
    public init(_ words: String) { parts = [.words(words)] }

    /// `error`'s message: its text when it names settings, else its description.
    public init(describing error: any Error) {
        self = (error as? any SettingTextError)?.text ?? SettingText(String(describing: error))
    }

    /// Words that name no setting.
    public init(stringLiteral value: String) { parts = [.words(value)] }

    /// Words and the settings `\(setting:)` names.
    public init(stringInterpolation: Interpolation) { parts = stringInterpolation.parts }

    /// The text with each setting written by `name`.
    public func worded(_ name: (String) -> String) -> String {
        parts.map { part in
            switch part {
            case .words(let words): words
            case .setting(let setting): name(setting)
            }
        }.joined()
    }

    /// The text with settings by their bare names.
    public var description: String { worded { $0 } }

    /// `left`'s parts, then `right`'s.
    public static func + (left: SettingText, right: SettingText) -> SettingText {
        var joined = left
        joined.parts += right.parts
        return joined
    }

    /// Builds a `SettingText` from a string with `\(setting: NAME)` where a setting is named.
    public struct Interpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        /// An empty text.
        public init(literalCapacity: Int, interpolationCount: Int) {}

        /// Words.
        public mutating func appendLiteral(_ literal: String) { parts.append(.words(literal)) }

        /// A setting's name, which a front end words.
        public mutating func appendInterpolation(setting name: String) { parts.append(.setting(name)) }

        /// Another text's parts.
        public mutating func appendInterpolation(_ text: SettingText) { parts += text.parts }

        /// Any other value, as a string shows it.
        public mutating func appendInterpolation(_ value: some Any) { parts.append(.words("\(value)")) }
    }
}

/// An error whose message names settings, for a front end to word as it presents them.
public protocol SettingTextError: Error, CustomStringConvertible {
    /// The message, its settings named as parts of it.
    var text: SettingText { get }
}

extension SettingTextError {
    /// The message with settings by their bare names.
    public var description: String { text.description }
}
