import Agent
import Foundation
import OutputFiles

/// Writes a TensorBoard event file as a training goes, so that `tensorboard --logdir` shows the run beside
/// other trainers' while it trains: TFRecords (a length, its masked CRC-32C, the data, its masked CRC-32C)
/// of `Event` protocol buffers, the first naming the file version, each other one step's scalars as
/// `simple_value`s, as PyTorch's SummaryWriter writes them. `TensorBoardEvents` reads them back.
package final class TensorBoardEventWriter {
    /// The file's name: TensorBoard reads every file whose name holds "tfevents".
    package static let fileName = "events.out.tfevents.cartpole"

    private let descriptor: Int32
    private let path: String
    /// Records added since the last flush.
    private var pending: [UInt8] = []
    /// The event being encoded, kept to reuse its storage.
    private var event: [UInt8] = []

    /// Creates (or empties) the file at `url` and writes its first event.
    package init(url: URL) throws(AgentError) {
        path = url.relativePath
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io(path: path, reason: "cannot write the event file (\(String(cString: strerror(errno))))")
        }
        let version = "brain.Event:2".utf8
        Self.key(TensorBoardSchema.Event.wallTime, .fixed64, &event)
        Self.little(Date().timeIntervalSince1970.bitPattern, &event)
        Self.key(TensorBoardSchema.Event.fileVersion, .lengthDelimited, &event)
        Self.varint(UInt64(version.count), &event)
        event += version
        appendRecord()
        try flush()
    }

    deinit { close(descriptor) }

    /// Adds the scalars of one step, written at the next `flush`: an `Event` with its wall time, step and a
    /// summary of values, each a tag and a simple value (`TensorBoardSchema`).
    package func add(step: Int, scalars: [(tag: String, value: Float)], wallTime: Double = Date().timeIntervalSince1970)
    {
        guard !scalars.isEmpty else { return }
        // A length-delimited field's length comes before its contents, so the nested lengths are counted first.
        let valueLengths = scalars.map { 1 + Self.varintSize(UInt64($0.tag.utf8.count)) + $0.tag.utf8.count + 5 }
        let summaryLength = valueLengths.reduce(0) { $0 + 1 + Self.varintSize(UInt64($1)) + $1 }
        event.removeAll(keepingCapacity: true)
        Self.key(TensorBoardSchema.Event.wallTime, .fixed64, &event)
        Self.little(wallTime.bitPattern, &event)
        Self.key(TensorBoardSchema.Event.step, .varint, &event)
        Self.varint(UInt64(bitPattern: Int64(step)), &event)
        Self.key(TensorBoardSchema.Event.summary, .lengthDelimited, &event)
        Self.varint(UInt64(summaryLength), &event)
        for ((tag, value), length) in zip(scalars, valueLengths) {
            Self.key(TensorBoardSchema.Summary.value, .lengthDelimited, &event)
            Self.varint(UInt64(length), &event)
            Self.key(TensorBoardSchema.Value.tag, .lengthDelimited, &event)
            Self.varint(UInt64(tag.utf8.count), &event)
            event += tag.utf8
            Self.key(TensorBoardSchema.Value.simpleValue, .fixed32, &event)
            Self.little(value.bitPattern, &event)
        }
        appendRecord()
    }

    /// Writes what was added since the last flush.
    package func flush() throws(AgentError) {
        var written = 0
        while written < pending.count {
            let count = pending[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                throw .io(path: path, reason: "cannot write the event file (\(String(cString: strerror(errno))))")
            }
            written += count
        }
        pending.removeAll(keepingCapacity: true)
    }

    // MARK: - Encoding

    /// `event` as a TFRecord, onto `pending`.
    private func appendRecord() {
        let start = pending.count
        Self.little(UInt64(event.count), &pending)
        Self.little(CRC32C.masked(pending[start...]), &pending)
        pending += event
        Self.little(CRC32C.masked(event), &pending)
    }

    private static func key(_ number: UInt64, _ type: ProtobufFields.WireType, _ bytes: inout [UInt8]) {
        varint(number << 3 | type.rawValue, &bytes)
    }

    private static func varint(_ value: UInt64, _ bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func varintSize(_ value: UInt64) -> Int { max(1, (64 - value.leadingZeroBitCount + 6) / 7) }

    private static func little(_ value: some FixedWidthInteger, _ bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes += $0 }
    }
}
