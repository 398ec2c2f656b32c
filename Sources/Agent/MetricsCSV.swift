import Foundation

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
        try decode(FileIO.read(url) { .io(path: url.path, reason: $0) }, path: url.path)
    }

    public static func decode(_ text: String, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        try decode(Data(text.utf8), path: path)
    }

    /// Parses a metrics file; an empty file, missing columns, a bad number or a ragged row is an error
    /// naming the file and line. Works on the bytes (a 20000-row file takes about a millisecond).
    public static func decode(_ data: Data, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        let bytes = [UInt8](data)
        var lines: [Range<Int>] = []
        var start = 0
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(start..<(i > start && bytes[i - 1] == UInt8(ascii: "\r") ? i - 1 : i))
            start = i + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        guard let first = lines.first, !first.isEmpty else {
            throw AgentError.io(path: path, reason: "the file is empty; expected the header '\(header)'")
        }
        let columns = String(decoding: bytes[first], as: UTF8.self).split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let required = header.split(separator: ",").map(String.init)
        let missing = required.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw AgentError.io(path: path, reason: "line 1: missing column(s) \(missing.joined(separator: ", ")); expected '\(header)'")
        }
        let position = required.map { columns.firstIndex(of: $0)! }
        var metrics = TrainingMetrics()
        metrics.rows.reserveCapacity(lines.count)
        var fields = [Range<Int>](repeating: 0..<0, count: columns.count)
        for (number, line) in lines.enumerated().dropFirst() where !(line.isEmpty && number == lines.count - 1) {
            let lineNumber = number + 1
            var count = 0, fieldStart = line.lowerBound
            for i in line where bytes[i] == UInt8(ascii: ",") {
                if count < fields.count { fields[count] = fieldStart..<i }
                count += 1
                fieldStart = i + 1
            }
            if count < fields.count { fields[count] = fieldStart..<line.upperBound }
            count += 1
            guard count == columns.count else {
                throw AgentError.io(path: path, reason: "line \(lineNumber): \(count) fields, expected \(columns.count)")
            }
            func field(_ index: Int) -> ArraySlice<UInt8> { bytes[fields[position[index]]] }
            func bad(_ index: Int) -> AgentError {
                .io(path: path, reason: "line \(lineNumber): '\(String(decoding: field(index), as: UTF8.self))' is not a valid \(required[index])")
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
            metrics.rows.append(TrainingMetrics.Row(
                frame: frame, update: try integer(1), loss: loss.map { Float($0) }, epsilon: try real(3),
                episode: try integer(4), score: try real(5)))
        }
        return metrics
    }

    /// A decimal integer with an optional sign, or nil.
    static func parseInteger(_ text: ArraySlice<UInt8>) -> Int? {
        var value = 0, negative = false, digits = 0
        for (i, byte) in zip(text.indices, text) {
            if i == text.startIndex && (byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")) {
                negative = byte == UInt8(ascii: "-")
                continue
            }
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            guard !overflow1 && !overflow2 else { return nil }
            value = sum
            digits += 1
        }
        return digits > 0 ? (negative ? -value : value) : nil
    }

    /// A number as `strtod` reads it (correctly rounded), only if it takes the whole field.
    static func parseReal(_ text: ArraySlice<UInt8>) -> Double? {
        guard text.count < 64 else { return Double(String(decoding: text, as: UTF8.self)) }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
            for (i, byte) in text.enumerated() { buffer[i] = CChar(bitPattern: byte) }
            buffer[text.count] = 0
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            guard let end, end - buffer.baseAddress! == text.count, text.count > 0,
                  !text.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }) else { return nil }
            return value
        }
    }
}
