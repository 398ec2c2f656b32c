import Foundation

/// A JSON value decoded with `JSONDecoder`, which parses numbers exactly (JSONSerialization on Linux
/// can be one ulp off, which a chaotic trajectory amplifies).
///
/// Every accessor throws when the value is missing or of another kind, naming the path that failed, so a
/// renamed or retyped fixture field fails the test instead of reading as `false`, `[]`, `NaN` or `""`.
public struct JSON: Decodable, Sendable {
    public enum Value: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSON])
        case object([String: JSON])
    }

    public let value: Value
    /// The path of the value this one is in, and the step from there to this one; `path` is made from
    /// them only for an error message, since a fixture holds millions of numbers.
    private let parent: String
    private let step: Step

    private enum Step: Sendable {
        case root(String)
        case index(Int)
        case key(String)
    }

    /// Where this value sits in its document, e.g. `cases[2].updates[0].loss` (for error messages).
    public var path: String {
        switch step {
        case .root(let name): name
        case .index(let index): "\(parent)[\(index)]"
        case .key(let key): "\(parent).\(key)"
        }
    }

    private init(_ value: Value, parent: String, step: Step) {
        self.value = value
        self.parent = parent
        self.step = step
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let value: Value
        // Numbers first: they are nearly all of a fixture, and each failed attempt throws.
        if let number = try? container.decode(Double.self) {
            value = .number(number)
        } else if container.decodeNil() {
            value = .null
        } else if let bool = try? container.decode(Bool.self) {
            value = .bool(bool)
        } else if let string = try? container.decode(String.self) {
            value = .string(string)
        } else if let items = try? container.decode([JSON].self) {
            value = .array(items)
        } else {
            value = .object(try container.decode([String: JSON].self))
        }
        self.init(value, parent: "", step: .root(""))
    }

    public static func decode(_ data: Data, name: String = "document") throws -> JSON {
        try JSONDecoder().decode(JSON.self, from: data).located(parent: "", step: .root(name))
    }

    /// The same tree with every value placed in its document, from this one down.
    private func located(parent: String, step: Step) -> JSON {
        let placed = JSON(value, parent: parent, step: step)
        switch value {
        case .array(let items):
            let path = placed.path
            return JSON(
                .array(items.enumerated().map { $0.element.located(parent: path, step: .index($0.offset)) }),
                parent: parent, step: step)
        case .object(let members):
            let path = placed.path
            return JSON(
                .object(members.reduce(into: [:]) { $0[$1.key] = $1.value.located(parent: path, step: .key($1.key)) }),
                parent: parent, step: step)
        default:
            return placed
        }
    }

    private func mismatch(_ expected: String) -> JSONError {
        JSONError(message: "\(path): expected \(expected), found \(kind)")
    }

    private var kind: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    /// The member named `key`; a missing key or a value that is not an object throws.
    public subscript(key: String) -> JSON {
        get throws {
            guard case .object(let members) = value else { throw mismatch("an object with key '\(key)'") }
            guard let member = members[key] else { throw JSONError(message: "\(path): missing key '\(key)'") }
            return member
        }
    }

    /// The member named `key`, or nil when the object has no such key (for keys that are truly optional).
    public func optional(_ key: String) throws -> JSON? {
        guard case .object(let members) = value else { throw mismatch("an object") }
        return members[key]
    }

    /// The keys of an object, sorted.
    public var keys: [String] {
        get throws {
            guard case .object(let members) = value else { throw mismatch("an object") }
            return members.keys.sorted()
        }
    }

    public subscript(index: Int) -> JSON {
        get throws {
            let items = try array
            guard items.indices.contains(index) else {
                throw JSONError(message: "\(path): index \(index) outside an array of \(items.count)")
            }
            return items[index]
        }
    }

    public var array: [JSON] {
        get throws {
            if case .array(let items) = value { return items }
            throw mismatch("an array")
        }
    }
    public var double: Double {
        get throws {
            if case .number(let number) = value { return number }
            throw mismatch("a number")
        }
    }
    public var float: Float { get throws { Float(try double) } }
    /// A number that must be a whole one.
    public var int: Int {
        get throws {
            let number = try double
            guard let whole = Int(exactly: number) else { throw mismatch("a whole number, got \(number)") }
            return whole
        }
    }
    public var bool: Bool {
        get throws {
            if case .bool(let flag) = value { return flag }
            throw mismatch("a boolean")
        }
    }
    public var string: String {
        get throws {
            if case .string(let text) = value { return text }
            throw mismatch("a string")
        }
    }
    public var doubles: [Double] { get throws { try array.map { try $0.double } } }
    public var ints: [Int] { get throws { try array.map { try $0.int } } }
    /// A number or a nested array of numbers, flattened row-major, as float32; or a string of base64 that
    /// holds little-endian float32 values.
    public var floats: [Float] {
        get throws {
            switch value {
            case .array(let items): return try items.flatMap { try $0.floats }
            case .number(let number): return [Float(number)]
            case .string(let text):
                guard let bytes = Data(base64Encoded: text), bytes.count % 4 == 0 else {
                    throw mismatch("base64 of float32 values")
                }
                return stride(from: 0, to: bytes.count, by: 4).map { i in
                    Float(bitPattern: bytes[i..<(i + 4)].reversed().reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
                }
            default: throw mismatch("numbers")
            }
        }
    }
}

public struct JSONError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
