import Foundation
import OutputFiles

/// Writes a TensorBoard event file as a training goes, so that `tensorboard --logdir` shows the run beside
/// other trainers' while it trains: TFRecords (a length, its masked CRC-32C, the data, its masked CRC-32C)
/// of `Event` protocol buffers, the first naming the file version, each other one step's scalars as
/// `simple_value`s, as PyTorch's SummaryWriter writes them. `TensorBoardEvents` reads them back.
public final class TensorBoardEventWriter {
    /// The file's name: TensorBoard reads every file whose name holds "tfevents".
    public static let fileName = "events.out.tfevents.cartpole"

    private let descriptor: Int32
    private let path: String
    private var pending: [UInt8] = []

    /// Creates (or empties) the file at `url` and writes its first event.
    public init(url: URL) throws(AgentError) {
        path = url.relativePath
        descriptor = open(url.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw .io(path: path, reason: "cannot write the event file (\(String(cString: strerror(errno))))")
        }
        var version = Self.field(1, fixed64: Date().timeIntervalSince1970.bitPattern)
        version += Self.field(3, bytes: Array("brain.Event:2".utf8))
        pending += Self.record(version)
        try flush()
    }

    deinit { close(descriptor) }

    /// Adds the scalars of one step, written at the next `flush`.
    public func add(step: Int, scalars: [(tag: String, value: Float)], wallTime: Double = Date().timeIntervalSince1970)
    {
        guard !scalars.isEmpty else { return }
        var summary: [UInt8] = []
        for (tag, value) in scalars {
            summary += Self.field(
                1, bytes: Self.field(1, bytes: Array(tag.utf8)) + Self.field(2, fixed32: value.bitPattern))
        }
        var event = Self.field(1, fixed64: wallTime.bitPattern)
        event += Self.field(2, varint: UInt64(bitPattern: Int64(step)))
        event += Self.field(5, bytes: summary)
        pending += Self.record(event)
    }

    /// Writes what was added since the last flush.
    public func flush() throws(AgentError) {
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

    static func record(_ data: [UInt8]) -> [UInt8] {
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian) { Array($0) }
        func checksum(_ bytes: [UInt8]) -> [UInt8] {
            withUnsafeBytes(of: CRC32C.masked(bytes).littleEndian) { Array($0) }
        }
        return length + checksum(length) + data + checksum(data)
    }

    private static func varint(_ value: UInt64) -> [UInt8] {
        var value = value
        var bytes: [UInt8] = []
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        return bytes + [UInt8(value)]
    }

    private static func field(_ number: UInt64, varint value: UInt64) -> [UInt8] {
        varint(number << 3) + varint(value)
    }

    private static func field(_ number: UInt64, fixed64 value: UInt64) -> [UInt8] {
        varint(number << 3 | 1) + withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    private static func field(_ number: UInt64, fixed32 value: UInt32) -> [UInt8] {
        varint(number << 3 | 5) + withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    private static func field(_ number: UInt64, bytes: [UInt8]) -> [UInt8] {
        varint(number << 3 | 2) + varint(UInt64(bytes.count)) + bytes
    }
}
