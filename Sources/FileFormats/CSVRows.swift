import Agent
import Foundation
import OutputFiles

/// The lines of a CSV file as rows of comma-separated fields: the one line reader of every CSV this tool
/// reads (metrics.csv, eval.csv, episode logs; none quotes its fields). A line ends at LF or CRLF, and the
/// file's final newline ends the last line rather than starting an empty one. Separators are found with
/// `memchr`, so time and memory grow linearly with the file.
struct CSVRows {
    private let bytes: [UInt8]

    init(_ data: Data) { bytes = [UInt8](data) }

    /// One line, valid while the body of `eachRow` runs: its number (from 1) and its fields.
    struct Row {
        let number: Int
        fileprivate let base: UnsafeBufferPointer<UInt8>
        fileprivate let line: Range<Int>
        fileprivate let ranges: [Range<Int>]

        var count: Int { ranges.count }
        /// Nothing on the line.
        var isEmpty: Bool { line.isEmpty }
        /// The whole line as text.
        var text: String { String(decoding: UnsafeBufferPointer(rebasing: base[line]), as: UTF8.self) }
        var fields: [String] { ranges.indices.map(field) }

        func field(_ index: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: base[ranges[index]]), as: UTF8.self)
        }
        func isBlank(_ index: Int) -> Bool { ranges[index].isEmpty }

        /// A decimal integer with an optional sign filling the field, or nil (also when it does not fit).
        func integer(_ index: Int) -> Int? {
            let text = UnsafeBufferPointer(rebasing: base[ranges[index]])
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

        /// A number as `strtod` reads it (correctly rounded) filling the field, or nil.
        func real(_ index: Int) -> Double? {
            let text = UnsafeBufferPointer(rebasing: base[ranges[index]])
            guard text.count < 64 else { return Double(String(decoding: text, as: UTF8.self)) }
            return withUnsafeTemporaryAllocation(of: CChar.self, capacity: text.count + 1) { buffer in
                _ = text.withMemoryRebound(to: CChar.self) { memcpy(buffer.start, $0.start, text.count) }
                buffer[text.count] = 0
                var end: UnsafeMutablePointer<CChar>?
                let value = strtod(buffer.start, &end)
                guard let end, end - buffer.start == text.count, text.count > 0,
                    !text.contains(where: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
                else { return nil }
                return value
            }
        }
    }

    /// The first line's text, or nil for an empty file.
    var firstLine: String? {
        guard !bytes.isEmpty else { return nil }
        let end = bytes.firstIndex(of: 0x0A) ?? bytes.count
        let line = bytes[..<end]
        return String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
    }

    /// Whether the file holds nothing but spaces, tabs and line ends.
    var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D } }

    /// Calls `body` with every line, in order, from the first.
    func eachRow(_ body: (Row) throws(AgentError) -> Void) throws(AgentError) {
        try bytes.withUnsafeBufferPointer { buffer throws(AgentError) in
            guard let base = buffer.baseAddress else { return }
            func next(_ byte: UInt8, from start: Int, before end: Int) -> Int? {
                guard start < end, let found = memchr(base + start, Int32(byte), end - start) else { return nil }
                return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            }
            var ranges: [Range<Int>] = []
            var start = 0
            var number = 0
            while start < buffer.count {
                let newline = next(0x0A, from: start, before: buffer.count)
                let end = newline ?? buffer.count
                let line = end > start && buffer[end - 1] == UInt8(ascii: "\r") ? start..<(end - 1) : start..<end
                number += 1
                ranges.removeAll(keepingCapacity: true)
                var fieldStart = line.lowerBound
                while let comma = next(0x2C, from: fieldStart, before: line.upperBound) {
                    ranges.append(fieldStart..<comma)
                    fieldStart = comma + 1
                }
                ranges.append(fieldStart..<line.upperBound)
                try body(Row(number: number, base: buffer, line: line, ranges: ranges))
                start = end + 1
            }
        }
    }
}
