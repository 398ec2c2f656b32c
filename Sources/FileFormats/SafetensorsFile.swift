import Agent
import Foundation

/// A safetensors file, parsed and checked: an 8-byte little-endian header length, a JSON header giving each
/// tensor's dtype, shape and byte range in the data that follows, and an optional `__metadata__` of strings.
///
/// Every number read from the header is checked with overflow-safe arithmetic before it sizes or indexes
/// anything: element counts and byte sizes are multiplied with overflow detection, offsets are compared
/// (never added) against the data's size. A damaged or hostile file is a `FileFormatError`, never a trap.
package struct SafetensorsFile: Sendable {
    package struct Tensor: Sendable {
        package let dtype: String
        package let shape: [Int]
        /// Where the tensor's bytes are, relative to the start of the data section.
        package let byteRange: Range<Int>
    }

    /// Largest header accepted; ours are well under a kilobyte, PyTorch's state dicts a few.
    package static let maximumHeaderLength = 1 << 20

    /// `__metadata__`, or nil when the file has none.
    package let metadata: [String: String]?
    package let tensors: [String: Tensor]
    private let bytes: [UInt8]
    private let dataStart: Int

    /// The header lengths a file read here can have.
    static let headerLengths = UInt64(2)...UInt64(maximumHeaderLength)

    /// The header length the first 8 bytes of `prefix` give, if it has them.
    static func headerLength(_ prefix: some Collection<UInt8>) -> UInt64? {
        prefix.count >= 8 ? UInt64(littleEndian: prefix.prefix(8)) : nil
    }

    package init(_ data: Data) throws(FileFormatError) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else {
            throw FileFormatError("the file is \(bytes.count) bytes, too short for a safetensors header")
        }
        let headerLength = Self.headerLength(bytes) ?? 0
        guard Self.headerLengths.contains(headerLength), headerLength <= UInt64(bytes.count - 8) else {
            throw FileFormatError(
                "the header length (\(headerLength) bytes) does not fit in the file (\(bytes.count) bytes); it is truncated or not safetensors"
            )
        }
        let dataStart = 8 + Int(headerLength)
        let dataSize = bytes.count - dataStart
        guard let parsed = try? JSONDecoder().decode(HeaderValue.self, from: Data(bytes[8..<dataStart])),
            case .object(let header) = parsed
        else {
            throw FileFormatError("the header is not a JSON object")
        }
        var metadata: [String: String]?
        var tensors: [String: Tensor] = [:]
        for (name, value) in header {
            if name == "__metadata__" {
                guard case .object(let members) = value else {
                    throw FileFormatError("__metadata__ is not a map of strings")
                }
                var strings: [String: String] = [:]
                for (key, member) in members {
                    guard case .string(let text) = member else {
                        throw FileFormatError("__metadata__ is not a map of strings")
                    }
                    strings[key] = text
                }
                metadata = strings
                continue
            }
            tensors[name] = try Self.tensor(name, value, dataSize: dataSize)
        }
        // As the safetensors library checks: the data ends where the last tensor does.
        let used = tensors.values.map(\.byteRange.upperBound).max() ?? 0
        guard used == dataSize else {
            throw FileFormatError(
                "\(dataSize - used) bytes follow the last tensor's data; the file is damaged or not one checkpoint")
        }
        self.metadata = metadata
        self.tensors = tensors
        self.bytes = bytes
        self.dataStart = dataStart
    }

    /// Checks one header entry: a dtype, a shape of at most 8 non-negative whole numbers, and offsets inside
    /// the data. Whether the bytes fit the shape is checked when the values are read.
    private static func tensor(_ name: String, _ value: HeaderValue, dataSize: Int) throws(FileFormatError) -> Tensor {
        guard case .object(let entry) = value, case .string(let dtype)? = entry["dtype"] else {
            throw FileFormatError("tensor '\(name)' has no dtype")
        }
        guard case .array(let shapeValues)? = entry["shape"], shapeValues.count <= 8 else {
            throw FileFormatError("tensor '\(name)' has no valid shape")
        }
        let shape = shapeValues.compactMap(\.wholeNumber)
        guard shape.count == shapeValues.count, shape.allSatisfy({ $0 >= 0 }) else {
            throw FileFormatError("tensor '\(name)' has a shape that is not a list of non-negative whole numbers")
        }
        guard case .array(let offsets)? = entry["data_offsets"], offsets.count == 2,
            let begin = offsets[0].wholeNumber, let end = offsets[1].wholeNumber,
            begin >= 0, end >= begin, end <= dataSize
        else {
            throw FileFormatError("tensor '\(name)' has data offsets outside the file; it is truncated or corrupt")
        }
        return Tensor(dtype: dtype, shape: shape, byteRange: begin..<end)
    }

    /// The values of the tensor `name` as `Float`s, row-major, converted from its dtype.
    package func floats(_ name: String) throws(FileFormatError) -> [Float] {
        guard let tensor = tensors[name] else { throw FileFormatError("tensor '\(name)' is missing") }
        guard let dtype = TensorDType(rawValue: tensor.dtype) else {
            throw FileFormatError(
                "tensor '\(name)' has dtype \(tensor.dtype); readable dtypes are \(TensorDType.listed)")
        }
        var size = dtype.size
        for dimension in tensor.shape {
            let (product, overflow) = size.multipliedReportingOverflow(by: dimension)
            guard !overflow else {
                throw FileFormatError("tensor '\(name)' has shape \(tensor.shape), too large to hold")
            }
            size = product
        }
        guard tensor.byteRange.count == size else {
            throw FileFormatError(
                "tensor '\(name)' holds \(tensor.byteRange.count) bytes, but \(dtype.rawValue) \(tensor.shape) needs \(size)"
            )
        }
        let start = dataStart + tensor.byteRange.lowerBound
        return dtype.values(in: bytes, from: start, count: size / dtype.size)
    }

    // MARK: - Writing

    /// A safetensors file of F32 tensors, in the given order, with string metadata.
    package static func encode(metadata: [String: String], tensors: [(name: String, shape: [Int], values: [Float])])
        -> Data
    {
        var entries = [
            "\"__metadata__\":{"
                + metadata.sorted { $0.key < $1.key }
                .map { "\(jsonString($0.key)):\(jsonString($0.value))" }.joined(separator: ",") + "}"
        ]
        var payload = Data()
        for tensor in tensors {
            let begin = payload.count
            for value in tensor.values {
                withUnsafeBytes(of: value.bitPattern.littleEndian) { payload.append(contentsOf: $0) }
            }
            let shape = tensor.shape.map(String.init).joined(separator: ",")
            entries.append(
                "\(jsonString(tensor.name)):{\"dtype\":\"F32\",\"shape\":[\(shape)],\"data_offsets\":[\(begin),\(payload.count)]}"
            )
        }
        var header = Array("{\(entries.joined(separator: ","))}".utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var file = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { file.append(contentsOf: $0) }
        file.append(contentsOf: header)
        file.append(payload)
        return file
    }

    /// A JSON string literal.
    private static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}

/// A JSON value of the header, as `JSONDecoder` reads it: whole numbers within `Int`'s range are kept
/// apart from other numbers and from booleans, so no number is converted before it is checked.
private enum HeaderValue: Decodable {
    case null
    case bool(Bool)
    case whole(Int)
    case number(Double)
    case string(String)
    case array([HeaderValue])
    case object([String: HeaderValue])

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .whole(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([HeaderValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: HeaderValue].self))
        }
    }

    var wholeNumber: Int? { if case .whole(let value) = self { value } else { nil } }
}
