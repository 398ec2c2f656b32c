import Foundation

/// A safetensors file's bytes split into its JSON header text and the rest, for tests that damage or
/// inspect headers; the product's own parser is `Agent.SafetensorsFile`.
public enum SafetensorsBytes {
    /// The header length, read from the first 8 bytes (little-endian).
    public static func headerLength(_ data: Data) -> Int {
        Int(data.prefix(8).enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
    }

    public static func header(_ data: Data) -> String {
        String(decoding: data.dropFirst(8).prefix(headerLength(data)), as: UTF8.self)
    }

    /// The same file with its header replaced by `text` (padded to 8 bytes, length rewritten).
    public static func replacingHeader(_ data: Data, with text: String) -> Data {
        var header = Array(text.utf8)
        while header.count % 8 != 0 { header.append(UInt8(ascii: " ")) }
        var result = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { result.append(contentsOf: $0) }
        return result + header + data.dropFirst(8 + headerLength(data))
    }

    /// The same file with its header edited as text.
    public static func editingHeader(_ data: Data, _ edit: (inout String) -> Void) -> Data {
        var text = header(data)
        edit(&text)
        return replacingHeader(data, with: text)
    }
}
