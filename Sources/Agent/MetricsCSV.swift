import Foundation
import OutputFiles

/// `metrics.csv`: one row per frame that had an update or a finished episode, columns
/// `frame,update,loss,epsilon,episode,score`, empty cells where a frame had no such value.
public enum MetricsCSV {
    public static let header = "frame,update,loss,epsilon,episode,score"

    public static func encode(_ metrics: TrainingMetrics) -> String {
        var text = header + "\n"
        text.reserveCapacity(metrics.rows.count * 48)
        for row in metrics.rows {
            text += "\(row.frame),"
            text += row.update.map(String.init) ?? ""
            text += ","
            text += row.loss.map { "\($0)" } ?? ""
            text += ","
            text += row.epsilon.map { "\($0)" } ?? ""
            text += ","
            text += row.episode.map(String.init) ?? ""
            text += ","
            text += row.score.map { "\($0)" } ?? ""
            text += "\n"
        }
        return text
    }

    /// Writes the metrics atomically (a temporary file renamed into place).
    public static func write(_ metrics: TrainingMetrics, to url: URL) throws(AgentError) {
        try FileIO.write(Data(encode(metrics).utf8), to: url, what: "the metrics")
    }

    public static func read(from url: URL) throws(AgentError) -> TrainingMetrics {
        try decode(
            FileIO.readText(url, what: "a metrics.csv") { .io(path: url.relativePath, reason: $0) },
            path: url.relativePath)
    }

    public static func decode(_ text: String, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        try decode(Data(text.utf8), path: path)
    }

    /// Parses a metrics file; an empty file, missing columns, a bad number or a ragged row is an error
    /// naming the file and line. Works on the bytes, finding separators with `memchr`, so time and memory
    /// grow linearly with the file (a million rows: well under a second in a release build).
    public static func decode(_ data: Data, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        let bytes = [UInt8](data)
        return try bytes.withUnsafeBufferPointer { buffer throws(AgentError) in try decode(buffer, path: path) }
    }

    private static func decode(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws(AgentError) -> TrainingMetrics
    {
        /// The end of the line starting at `start` (the newline's index, or the end of the data).
        func lineEnd(from start: Int) -> Int {
            guard start < bytes.count, let found = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start) else {
                return bytes.count
            }
            return bytes.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
        }
        /// The line without its newline and a carriage return before it.
        func content(_ start: Int, _ end: Int) -> Range<Int> {
            end > start && bytes[end - 1] == UInt8(ascii: "\r") ? start..<(end - 1) : start..<end
        }
        let firstEnd = lineEnd(from: 0)
        let first = content(0, firstEnd)
        guard !first.isEmpty else {
            throw AgentError.io(path: path, reason: "the file is empty; expected the header '\(header)'")
        }
        let columns = String(decoding: UnsafeBufferPointer(rebasing: bytes[first]), as: UTF8.self)
            .split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let required = header.split(separator: ",").map(String.init)
        let missing = required.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw AgentError.io(
                path: path, reason: "line 1: missing column(s) \(missing.joined(separator: ", ")); expected '\(header)'"
            )
        }
        let position = required.map { columns.firstIndex(of: $0)! }
        var metrics = TrainingMetrics()
        var fields = [Range<Int>](repeating: 0..<0, count: columns.count)
        var lineStart = firstEnd + 1
        var lineNumber = 1
        while lineStart < bytes.count {
            let end = lineEnd(from: lineStart)
            let line = content(lineStart, end)
            lineNumber += 1
            lineStart = end + 1
            // A last line with nothing on it is the file's final newline's, not a row.
            if line.isEmpty && end == bytes.count { break }
            var count = 0
            var fieldStart = line.lowerBound
            while true {
                let rest = line.upperBound - fieldStart
                let comma = rest > 0 ? memchr(bytes.baseAddress! + fieldStart, 0x2C, rest) : nil
                let fieldEnd =
                    comma.map { bytes.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                    ?? line.upperBound
                if count < fields.count { fields[count] = fieldStart..<fieldEnd }
                count += 1
                guard comma != nil else { break }
                fieldStart = fieldEnd + 1
            }
            guard count == columns.count else {
                throw AgentError.io(
                    path: path, reason: "line \(lineNumber): \(count) fields, expected \(columns.count)")
            }
            func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: bytes[fields[position[index]]])
            }
            func bad(_ index: Int) -> AgentError {
                .io(
                    path: path,
                    reason:
                        "line \(lineNumber): '\(MessageText.shown(String(decoding: field(index), as: UTF8.self)))' is not a valid \(required[index])"
                )
            }
            func integer(_ index: Int) throws(AgentError) -> Int? {
                let text = field(index)
                if text.isEmpty { return nil }
                guard let value = parseInteger(text) else { throw bad(index) }
                return value
            }
            func real(_ index: Int) throws(AgentError) -> Double? {
                let text = field(index)
                if text.isEmpty { return nil }
                guard let value = parseReal(text) else { throw bad(index) }
                return value
            }
            guard let frame = try integer(0), frame >= 0 else {
                throw AgentError.io(path: path, reason: "line \(lineNumber): the frame is missing or negative")
            }
            let loss = try real(2)
            metrics.rows.append(
                TrainingMetrics.Row(
                    frame: frame, update: try integer(1), loss: loss.map { Float($0) }, epsilon: try real(3),
                    episode: try integer(4), score: try real(5)))
        }
        return metrics
    }

    /// A decimal integer with an optional sign, or nil (also when it does not fit in `Int`).
    static func parseInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = text.startIndex
        var negative = false
        if i < text.endIndex && (text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+")) {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        guard i < text.endIndex else { return nil }
        // Accumulated negatively, so Int.min itself is readable.
        var value = 0
        while i < text.endIndex {
            let digit = Int(text[i]) - Int(UInt8(ascii: "0"))
            guard digit >= 0 && digit <= 9 else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.subtractingReportingOverflow(digit)
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            i += 1
        }
        if negative { return value }
        let (positive, overflow) = (0).subtractingReportingOverflow(value)
        return overflow ? nil : positive
    }

    /// A number as `strtod` reads it (correctly rounded), only if it takes the whole field.
    static func parseReal(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard text.count < 64 else { return Double(String(decoding: text, as: UTF8.self)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            _ = text.withMemoryRebound(to: CChar.self) { memcpy(buffer.baseAddress!, $0.baseAddress!, text.count) }
            buffer[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == text.count, text.count > 0,
                !text.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
            else { return nil }
            return value
        }
    }
}
