import OutputFiles

/// One setting of a training run, described once: its name, what it means, how the report labels it,
/// which values it takes and how it is written. Command-line options, `summary.json`, the report,
/// checkpoint metadata and a comparison's variants all come from `TrainingConfiguration.settings`.
public struct TrainingSetting: Sendable {
    /// The notebook's parameter, as options name it: `memory-size`.
    public let name: String
    /// The name as files record it (summary.json, checkpoint metadata): `memory_size`.
    public var key: String { name.replacingOccurrences(of: "-", with: "_") }
    /// What it does, in a sentence.
    public let help: String
    /// How a report labels it.
    public let label: String
    private let read: @Sendable (TrainingConfiguration) -> Value
    private let write: @Sendable (inout TrainingConfiguration, String) -> Bool
    private let bounds: Bounds?

    /// A setting's value as files record it: a JSON number or string.
    public enum Value: Sendable, Equatable, Encodable {
        case integer(Int)
        case unsigned(UInt64)
        case real(Double)
        case text(String)

        /// The value written so that parsing it gives it back (doubles in their shortest exact form).
        public var text: String {
            switch self {
            case .integer(let value): "\(value)"
            case .unsigned(let value): "\(value)"
            case .real(let value): "\(value)"
            case .text(let value): value
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .integer(let value): try container.encode(value)
            case .unsigned(let value): try container.encode(value)
            case .real(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            }
        }
    }

    /// The values a number may take: an interval, open or closed at each end (no upper end: unbounded),
    /// and for whole numbers without an upper end the unit they count.
    struct Bounds: Sendable {
        var lower: Double
        var lowerOpen = false
        var upper: Double?
        var upperOpen = false
        var whole = false
        var unit = ""

        func contains(_ value: Double) -> Bool {
            guard value.isFinite else { return false }
            let aboveLower = lowerOpen ? value > lower : value >= lower
            guard let upper else { return aboveLower }
            return aboveLower && (upperOpen ? value < upper : value <= upper)
        }

        /// "must be between 1 and 4096", "must be in (0, 1]", "must be 0 or a positive number of frames".
        var requirement: String {
            func shown(_ value: Double) -> String { value == value.rounded() ? "\(Int(value))" : "\(value)" }
            guard let upper else {
                let counted = unit.isEmpty ? "" : " of \(unit)"
                return lower == 0 && !lowerOpen
                    ? "must be 0 or a positive number\(counted)" : "must be a positive number\(counted)"
            }
            if whole { return "must be between \(shown(lower)) and \(shown(upper))" }
            return "must be in \(lowerOpen ? "(" : "[")\(shown(lower)), \(shown(upper))\(upperOpen ? ")" : "]")"
        }
    }

    /// The setting's value in `configuration`.
    public func value(in configuration: TrainingConfiguration) -> Value { read(configuration) }

    /// Sets the setting from its written form, checking its type and range (not its relation to other
    /// settings: `TrainingConfiguration.validate` does that).
    public func set(_ text: String, in configuration: inout TrainingConfiguration) throws(AgentError) {
        var changed = configuration
        guard write(&changed, text) else {
            // Digits beyond what the type holds are a number out of range, not a malformed one.
            let digits = text.drop { $0 == "-" || $0 == "+" }
            let requirement =
                !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                ? bounds?.requirement ?? expectation : expectation
            throw AgentError.invalidValue(
                "\(AgentError.setting(name)) \(requirement) (got '\(MessageText.shown(text))')")
        }
        try check(changed)
        configuration = changed
    }

    /// Refuses a value outside the setting's range.
    func check(_ configuration: TrainingConfiguration) throws(AgentError) {
        guard let bounds else { return }
        let value = read(configuration)
        let number: Double
        switch value {
        case .integer(let integer): number = Double(integer)
        case .real(let real): number = real
        default: return
        }
        guard bounds.contains(number) else {
            throw AgentError.invalidValue("\(AgentError.setting(name)) \(bounds.requirement) (got \(value.text))")
        }
    }

    /// What a written value must look like.
    private var expectation: String {
        switch read(TrainingConfiguration()) {
        case .integer: "takes a whole number"
        case .unsigned: "takes a whole number from 0 to \(UInt64.max)"
        case .real: "takes a number"
        case .text: "takes one of \(choices.joined(separator: ", "))"
        }
    }

    /// For a setting of named values, the names; otherwise empty.
    public let choices: [String]

    // MARK: - Kinds of setting

    static func count(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Int> & Sendable, _ range: ClosedRange<Int>,
        label: String, help: String
    ) -> TrainingSetting {
        integer(
            name, path, Bounds(lower: Double(range.lowerBound), upper: Double(range.upperBound), whole: true),
            label: label, help: help)
    }

    static func integer(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Int> & Sendable, _ bounds: Bounds,
        label: String, help: String
    ) -> TrainingSetting {
        kind(name, path, bounds, label: label, help: help, parse: { Int($0) }, value: { .integer($0) })
    }

    static func real(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Double> & Sendable, _ bounds: Bounds,
        label: String, help: String
    ) -> TrainingSetting {
        kind(name, path, bounds, label: label, help: help, parse: { Double($0) }, value: { .real($0) })
    }

    static func unsigned(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, UInt64> & Sendable, label: String,
        help: String
    ) -> TrainingSetting {
        kind(name, path, nil, label: label, help: help, parse: { UInt64($0) }, value: { .unsigned($0) })
    }

    static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Choice> & Sendable, label: String,
        help: String
    ) -> TrainingSetting where Choice.RawValue == String {
        kind(
            name, path, nil, choices: Choice.allCases.map(\.rawValue), label: label, help: help,
            parse: { Choice(rawValue: $0) }, value: { .text($0.rawValue) })
    }

    /// A setting stored at `path`, read from text by `parse` and written as `value` gives it.
    private static func kind<Stored>(
        _ name: String, _ path: any WritableKeyPath<TrainingConfiguration, Stored> & Sendable, _ bounds: Bounds?,
        choices: [String] = [], label: String, help: String, parse: @escaping @Sendable (String) -> Stored?,
        value: @escaping @Sendable (Stored) -> Value
    ) -> TrainingSetting {
        TrainingSetting(
            name: name, help: help, label: label, read: { value($0[keyPath: path]) },
            write: { configuration, text in
                guard let parsed = parse(text) else { return false }
                configuration[keyPath: path] = parsed
                return true
            }, bounds: bounds, choices: choices)
    }
}
