import Foundation

/// A JSON value decoded with `JSONDecoder`, which parses numbers exactly (JSONSerialization on Linux
/// can be one ulp off, which a chaotic trajectory amplifies).
public enum JSON: Decodable, Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSON])
    case object([String: JSON])

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() { self = .null }
        else if let value = try? container.decode(Bool.self) { self = .bool(value) }
        else if let value = try? container.decode(Double.self) { self = .number(value) }
        else if let value = try? container.decode(String.self) { self = .string(value) }
        else if let value = try? container.decode([JSON].self) { self = .array(value) }
        else { self = .object(try container.decode([String: JSON].self)) }
    }

    public static func decode(_ data: Data) throws -> JSON { try JSONDecoder().decode(JSON.self, from: data) }

    public subscript(key: String) -> JSON {
        if case .object(let members) = self, let value = members[key] { return value }
        return .null
    }

    public subscript(index: Int) -> JSON {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    public var array: [JSON] { if case .array(let items) = self { items } else { [] } }
    public var double: Double { if case .number(let value) = self { value } else { .nan } }
    public var float: Float { Float(double) }
    public var int: Int { Int(double) }
    public var bool: Bool { if case .bool(let value) = self { value } else { false } }
    public var string: String { if case .string(let value) = self { value } else { "" } }
    public var doubles: [Double] { array.map(\.double) }
    /// A nested array of numbers flattened, row-major, as float32.
    public var floats: [Float] {
        switch self {
        case .array(let items): items.flatMap(\.floats)
        case .number(let value): [Float(value)]
        default: []
        }
    }
}
