import Agent

/// The fields of a protocol buffer message, in order; reading stops at the first malformed one.
struct ProtobufFields: Sequence, IteratorProtocol {
    /// How a field's value is encoded, the low three bits of its key: the kinds TensorBoard's messages use.
    enum WireType: UInt64 {
        case varint = 0
        case fixed64 = 1
        case lengthDelimited = 2
        case fixed32 = 5
    }

    enum Value {
        case varint(UInt64)
        case fixed64(UInt64)
        case bytes(ArraySlice<UInt8>)
        case fixed32(UInt32)
    }

    private var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    private mutating func varint() -> UInt64? {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while let byte = bytes.first, shift < 64 {
            bytes = bytes.dropFirst()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
        return nil
    }

    private mutating func take(_ count: Int) -> ArraySlice<UInt8>? {
        guard count >= 0, bytes.count >= count else { return nil }
        defer { bytes = bytes.dropFirst(count) }
        return bytes.prefix(count)
    }

    mutating func next() -> (number: UInt64, value: Value)? {
        guard !bytes.isEmpty, let key = varint() else { return nil }
        let number = key >> 3
        switch WireType(rawValue: key & 7) {
        case .varint:
            guard let value = varint() else { return nil }
            return (number, .varint(value))
        case .fixed64:
            guard let raw = take(8) else { return nil }
            return (number, .fixed64(UInt64(littleEndian: raw)))
        case .lengthDelimited:
            guard let length = varint(), length <= UInt64(bytes.count), let raw = take(Int(length)) else { return nil }
            return (number, .bytes(raw))
        case .fixed32:
            guard let raw = take(4) else { return nil }
            return (number, .fixed32(UInt32(littleEndian: raw)))
        case nil:
            return nil
        }
    }
}
