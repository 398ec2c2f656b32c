import Agent
import Foundation
import OutputFiles

/// The scalars of a TensorBoard event file (`events.out.tfevents.*`), by tag: TFRecords (a length, its
/// masked CRC-32C, the data, its masked CRC-32C), each an `Event` protocol buffer whose `Summary` values
/// carry a tag and a scalar, as `simple_value` (PyTorch's SummaryWriter, tensorboardX, CleanRL, SB3) or as
/// a one-value float tensor (TensorFlow 2). A damaged record (a checksum that disagrees, a record cut short)
/// ends the reading, said with its offset; the records before it are kept.
package struct TensorBoardEvents: Sendable {
    package struct Scalar: Sendable, Equatable {
        package var step: Int64
        package var wallTime: Double
        package var value: Double
    }

    /// Each kept tag's scalars in file order.
    package var scalars: [String: [Scalar]] = [:]
    /// The names of the tags the file holds, kept or not, sorted: at most `namedTags` of them, for messages.
    package var tags: [String] { seenTags.sorted() }
    /// Whether the file holds more tags than `tags` names.
    package private(set) var moreTags = false
    /// What ended the reading early, with the byte offset of the record, or nil.
    package var damage: String?

    private var seenTags: Set<String> = []
    /// The tags whose scalars are kept, as UTF-8; nil: all.
    private var kept: [[UInt8]]?

    /// The largest event file read: a training's scalars take far less; a larger file is refused unread.
    static let largestFile = 1 << 30
    /// The longest tag read (longer ones are passed over), and the most tag names kept for messages.
    static let longestTag = 1024
    static let namedTags = 1000

    /// The scalars of the file at `url` of the tags `keeping` names (nil: all): the memory taken is the
    /// file's and the kept scalars', whatever the file holds.
    package static func read(from url: URL, keeping: [String]? = nil) throws(AgentError) -> TensorBoardEvents {
        var status = stat()
        if stat(url.path, &status) == 0 {
            do { try MemoryBudget.check(Int(status.st_size), for: "reading it") } catch {
                throw .io(path: url.relativePath, reason: SettingText(error.reason))
            }
        }
        let bytes = try FileIO.read(into: [UInt8].self, url, limit: largestFile, what: "a TensorBoard event file") {
            .io(path: url.relativePath, reason: SettingText($0))
        }
        return decode(bytes, keeping: keeping)
    }

    /// The scalars of every tag in `data`, an event file's bytes.
    package static func decode(_ data: Data) -> TensorBoardEvents { decode([UInt8](data)) }

    /// The scalars in `bytes` of the tags `keeping` names (nil: all); reading stops at the first damaged
    /// record, which `damage` names.
    package static func decode(_ bytes: [UInt8], keeping: [String]? = nil) -> TensorBoardEvents {
        var events = TensorBoardEvents()
        events.kept = keeping.map { $0.map { Array($0.utf8) } }
        var offset = 0
        func little<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T { T(littleEndian: bytes[at...]) }
        while offset < bytes.count {
            // A record is at least a length, two checksums and no data: 16 bytes.
            guard bytes.count - offset >= 16 else {
                events.damage = "the record at byte \(offset) is cut short"
                break
            }
            let length = little(offset, UInt64.self)
            guard little(offset + 8, UInt32.self) == CRC32C.masked(bytes[offset..<offset + 8]) else {
                events.damage = "the record at byte \(offset) has a length whose checksum disagrees"
                break
            }
            guard length <= UInt64(bytes.count - offset - 16) else {
                events.damage = "the record at byte \(offset) is cut short (\(length) bytes announced)"
                break
            }
            let start = offset + 12
            let end = start + Int(length)
            guard little(end, UInt32.self) == CRC32C.masked(bytes[start..<end]) else {
                events.damage = "the record at byte \(offset) has data whose checksum disagrees"
                break
            }
            events.add(event: bytes[start..<end])
            offset = end + 4
        }
        return events
    }

    /// An `Event`: wall time, step and a summary of values, each a tag and a simple value or a tensor
    /// (`TensorBoardSchema`).
    private mutating func add(event: ArraySlice<UInt8>) {
        var wallTime = 0.0
        var step: Int64 = 0
        var summaries: [ArraySlice<UInt8>] = []
        for field in ProtobufFields(event) {
            switch (field.number, field.value) {
            case (TensorBoardSchema.Event.wallTime, .fixed64(let bits)): wallTime = Double(bitPattern: bits)
            case (TensorBoardSchema.Event.step, .varint(let value)): step = Int64(bitPattern: value)
            case (TensorBoardSchema.Event.summary, .bytes(let summary)): summaries.append(summary)
            default: break
            }
        }
        for summary in summaries {
            for value in ProtobufFields(summary) where value.number == TensorBoardSchema.Summary.value {
                guard case .bytes(let entry) = value.value else { continue }
                var tag: ArraySlice<UInt8>?
                var scalar: Double?
                for field in ProtobufFields(entry) {
                    switch (field.number, field.value) {
                    case (TensorBoardSchema.Value.tag, .bytes(let text)) where text.count <= Self.longestTag: tag = text
                    case (TensorBoardSchema.Value.simpleValue, .fixed32(let bits)):
                        scalar = Double(Float(bitPattern: bits))
                    case (TensorBoardSchema.Value.tensor, .bytes(let tensor)):
                        scalar = scalar ?? Self.scalar(tensor: tensor)
                    default: break
                    }
                }
                guard let tag, let scalar else { continue }
                // A String is made only for a tag kept or still to be named: ten million tags cost no more.
                let keep = kept?.contains { $0.elementsEqual(tag) } ?? true
                guard keep || !moreTags else { continue }
                let name = String(decoding: tag, as: UTF8.self)
                if !seenTags.contains(name) {
                    if seenTags.count < Self.namedTags { seenTags.insert(name) } else { moreTags = true }
                }
                if keep { scalars[name, default: []].append(Scalar(step: step, wallTime: wallTime, value: scalar)) }
            }
        }
    }

    /// A one-value tensor's value: its float or double value, packed or not, or 4 or 8 bytes of its content
    /// by its data type (float or double).
    private static func scalar(tensor: ArraySlice<UInt8>) -> Double? {
        var dtype: UInt64 = 0
        var content: ArraySlice<UInt8>?
        var value: Double?
        for field in ProtobufFields(tensor) {
            switch (field.number, field.value) {
            case (TensorBoardSchema.Tensor.dtype, .varint(let type)): dtype = type
            case (TensorBoardSchema.Tensor.content, .bytes(let bytes)): content = bytes
            case (TensorBoardSchema.Tensor.floatValue, .fixed32(let bits)): value = Double(Float(bitPattern: bits))
            case (TensorBoardSchema.Tensor.floatValue, .bytes(let packed)) where packed.count == 4:
                value = Double(Float(bitPattern: UInt32(littleEndian: packed)))
            case (TensorBoardSchema.Tensor.doubleValue, .fixed64(let bits)): value = Double(bitPattern: bits)
            case (TensorBoardSchema.Tensor.doubleValue, .bytes(let packed)) where packed.count == 8:
                value = Double(bitPattern: UInt64(littleEndian: packed))
            default: break
            }
        }
        if let value { return value }
        guard let content else { return nil }
        if dtype == TensorBoardSchema.DataType.float, content.count == 4 {
            return Double(Float(bitPattern: UInt32(littleEndian: content)))
        }
        if dtype == TensorBoardSchema.DataType.double, content.count == 8 {
            return Double(bitPattern: UInt64(littleEndian: content))
        }
        return nil
    }
}
