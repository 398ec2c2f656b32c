import OutputFiles

/// What settings describe: a value type whose `init()` holds every setting's default and whose
/// `settings` describe each of its settings once.
public protocol SettingsRoot: Sendable {
    init()
    /// Each setting, once, in the order options list them.
    static var settings: [Setting<Self>] { get }
    /// What the settings are of, as messages say it: "training".
    static var settingsNoun: String { get }
}

extension SettingsRoot {
    /// The settings named in `values` set from their written form, the others at their defaults; each
    /// value is checked on its own (a root's own `validate` checks them together).
    public init(settings values: [String: String]) throws(AgentError) {
        self.init()
        for (name, text) in values.sorted(by: { $0.key < $1.key }) {
            try Self.setting(named: name).set(text, in: &self)
        }
    }

    /// Every setting's written value by name: what a manifest records and a comparison matches.
    public var settingValues: [String: String] {
        Dictionary(uniqueKeysWithValues: Self.settings.map { ($0.name, $0.value(in: self).text) })
    }

    /// The setting called `name`.
    public static func setting(named name: String) throws(AgentError) -> Setting<Self> {
        guard let setting = settings.first(where: { $0.name == name }) else {
            throw AgentError.invalidValue(
                "unknown \(settingsNoun) setting '\(MessageText.shown(name))'; one of \(settings.map(\.name).joined(separator: ", "))"
            )
        }
        return setting
    }

    /// Refuses a value outside its setting's range.
    public func checkRanges() throws(AgentError) {
        for setting in Self.settings { try setting.check(self) }
    }
}

/// A setting of a training run.
public typealias TrainingSetting = Setting<TrainingConfiguration>

/// One setting, described once: its name, what it means, how the report labels it, which values it takes,
/// how it is written and since when files hold it. Command-line options, `summary.json`, the report,
/// checkpoint metadata and a comparison's variants all come from `TrainingConfiguration.settings`; adding a
/// setting is one description there and one field.
public struct Setting<Root: SettingsRoot>: Sendable {
    /// The notebook's parameter, as options name it: `memory-size`.
    public let name: String
    /// The name as files record it (summary.json, checkpoint metadata): `memory_size`.
    public var key: String { name.replacingOccurrences(of: "-", with: "_") }
    /// What it does, in a sentence.
    public let help: String
    /// How a report labels it.
    public let label: String
    private let read: @Sendable (Root) -> Value
    private let write: @Sendable (inout Root, String) -> Bool
    private let bounds: Bounds?
    /// The settings version that first wrote it (`SettingsRecord`): a file written before then lacks it
    /// and reads as its default.
    public let introduced: Int
    /// The on/off setting of the component this one belongs to (`alpha`: `prioritized`): while that is off
    /// this one counts for nothing, and a configuration that changes it is refused. Nil: it always counts.
    public private(set) var part: String?

    /// A setting's value as files record it: a JSON number, string or Boolean.
    public enum Value: Sendable, Equatable, Encodable {
        case integer(Int)
        case unsigned(UInt64)
        case real(Double)
        case text(String)
        case boolean(Bool)

        /// The value written so that parsing it gives it back (doubles in their shortest exact form).
        public var text: String {
            switch self {
            case .integer(let value): "\(value)"
            case .unsigned(let value): "\(value)"
            case .real(let value): "\(value)"
            case .text(let value): value
            case .boolean(let value): "\(value)"
            }
        }

        /// Encodes the value as a JSON number, string or Boolean.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .integer(let value): try container.encode(value)
            case .unsigned(let value): try container.encode(value)
            case .real(let value): try container.encode(value)
            case .text(let value): try container.encode(value)
            case .boolean(let value): try container.encode(value)
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
    public func value(in configuration: Root) -> Value { read(configuration) }

    /// Whether the setting counts in `configuration`: it belongs to no component, or to one that is on.
    public func applies(in configuration: Root) -> Bool {
        guard let part else { return true }
        return Root.settings.first { $0.name == part }?.value(in: configuration) == .boolean(true)
    }

    /// The setting as one of the component that the flag `name` turns on.
    func part(of name: String) -> Setting {
        var setting = self
        setting.part = name
        return setting
    }

    /// The setting's default, as `Root()` holds it.
    public var defaultValue: Value { read(Root()) }

    /// An on/off setting: an option without a value (`--name`, `--no-name`).
    public var isFlag: Bool { if case .boolean = defaultValue { true } else { false } }

    /// Sets the setting from its written form, checking its type and range (not its relation to other
    /// settings: `TrainingConfiguration.validate` does that).
    public func set(_ text: String, in configuration: inout Root) throws(AgentError) {
        var changed = configuration
        guard write(&changed, text) else {
            // Digits beyond what the type holds are a number out of range, not a malformed one.
            let digits = text.drop { $0 == "-" || $0 == "+" }
            let requirement =
                !digits.isEmpty && digits.allSatisfy(\.isASCII) && digits.allSatisfy(\.isNumber)
                ? bounds?.requirement ?? expectation : expectation
            throw AgentError.value(setting: name, requirement: requirement, got: "'\(MessageText.shown(text))'")
        }
        try check(changed)
        configuration = changed
    }

    /// Refuses a value outside the setting's range.
    func check(_ configuration: Root) throws(AgentError) {
        guard let bounds else { return }
        let value = read(configuration)
        let number: Double
        switch value {
        case .integer(let integer): number = Double(integer)
        case .real(let real): number = real
        default: return
        }
        guard bounds.contains(number) else {
            throw AgentError.value(setting: name, requirement: bounds.requirement, got: value.text)
        }
    }

    /// What a written value must look like.
    private var expectation: String {
        if let format { return "takes \(format)" }
        return switch defaultValue {
        case .integer: "takes a whole number"
        case .unsigned: "takes a whole number from 0 to \(UInt64.max)"
        case .real: "takes a number"
        case .text: "takes one of \(choices.joined(separator: ", "))"
        case .boolean: "takes true or false"
        }
    }

    /// For a setting of named values, the names; otherwise empty.
    public let choices: [String]
    /// For a setting written in a form of its own, what the form is ("WIDTHxHEIGHT").
    private let format: String?

    // MARK: - Kinds of setting

    /// A whole number in `range`.
    public static func count(
        _ name: String, _ path: any WritableKeyPath<Root, Int> & Sendable, _ range: ClosedRange<Int>,
        label: String, help: String, introduced: Int = 1
    ) -> Setting {
        integer(
            name, path, Bounds(lower: Double(range.lowerBound), upper: Double(range.upperBound), whole: true),
            label: label, help: help, introduced: introduced)
    }

    static func integer(
        _ name: String, _ path: any WritableKeyPath<Root, Int> & Sendable, _ bounds: Bounds,
        label: String, help: String, introduced: Int = 1
    ) -> Setting { number(name, path, bounds, label, help, introduced) { .integer($0) } }

    static func real(
        _ name: String, _ path: any WritableKeyPath<Root, Double> & Sendable, _ bounds: Bounds,
        label: String, help: String, introduced: Int = 1
    ) -> Setting { number(name, path, bounds, label, help, introduced) { .real($0) } }

    /// A whole number from 0 to `UInt64.max`.
    public static func unsigned(
        _ name: String, _ path: any WritableKeyPath<Root, UInt64> & Sendable, label: String,
        help: String, introduced: Int = 1
    ) -> Setting { number(name, path, nil, label, help, introduced) { .unsigned($0) } }

    /// A number read as its type reads its text.
    private static func number<Number: LosslessStringConvertible & Sendable>(
        _ name: String, _ path: any WritableKeyPath<Root, Number> & Sendable, _ bounds: Bounds?, _ label: String,
        _ help: String, _ introduced: Int, value: @escaping @Sendable (Number) -> Value
    ) -> Setting {
        kind(name, path, bounds, label: label, help: help, introduced: introduced, parse: { Number($0) }, value: value)
    }

    /// One of an enumeration's cases, written as its raw value.
    public static func choice<Choice: RawRepresentable & CaseIterable & Sendable>(
        _ name: String, _ path: any WritableKeyPath<Root, Choice> & Sendable, label: String,
        help: String, introduced: Int = 1
    ) -> Setting where Choice.RawValue == String {
        kind(
            name, path, nil, choices: Choice.allCases.map(\.rawValue), label: label, help: help,
            introduced: introduced, parse: { Choice(rawValue: $0) }, value: { .text($0.rawValue) })
    }

    /// An on/off setting, written `true` or `false`.
    public static func flag(
        _ name: String, _ path: any WritableKeyPath<Root, Bool> & Sendable, label: String, help: String,
        introduced: Int = 1
    ) -> Setting {
        kind(
            name, path, nil, label: label, help: help, introduced: introduced, parse: { Bool($0) },
            value: { .boolean($0) })
    }

    /// Text: one of `choices`, or any text without control characters when there are none.
    public static func text(
        _ name: String, _ path: any WritableKeyPath<Root, String> & Sendable, choices: [String] = [],
        label: String, help: String, introduced: Int = 1
    ) -> Setting {
        kind(
            name, path, nil, choices: choices, format: choices.isEmpty ? "text without control characters" : nil,
            label: label, help: help, introduced: introduced,
            parse: { text in
                choices.isEmpty
                    ? (text.unicodeScalars.allSatisfy { $0.properties.generalCategory != .control } ? text : nil)
                    : (choices.contains(text) ? text : nil)
            }, value: { .text($0) })
    }

    /// A value written in a form of its own (`format` says it: "WIDTHxHEIGHT, both even"), read and
    /// written as its type's text.
    public static func parsed<Stored: LosslessStringConvertible & Sendable>(
        _ name: String, _ path: any WritableKeyPath<Root, Stored> & Sendable, format: String, label: String,
        help: String, introduced: Int = 1
    ) -> Setting {
        kind(
            name, path, nil, format: format, label: label, help: help, introduced: introduced,
            parse: { Stored($0) }, value: { .text($0.description) })
    }

    /// A setting stored at `path`, read from text by `parse` and written as `value` gives it.
    private static func kind<Stored>(
        _ name: String, _ path: any WritableKeyPath<Root, Stored> & Sendable, _ bounds: Bounds?,
        choices: [String] = [], format: String? = nil, label: String, help: String, introduced: Int = 1,
        parse: @escaping @Sendable (String) -> Stored?, value: @escaping @Sendable (Stored) -> Value
    ) -> Setting {
        Setting(
            name: name, help: help, label: label, read: { value($0[keyPath: path]) },
            write: { configuration, text in
                guard let parsed = parse(text) else { return false }
                configuration[keyPath: path] = parsed
                return true
            }, bounds: bounds, introduced: introduced, choices: choices, format: format)
    }
}
