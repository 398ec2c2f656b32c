import Foundation
import OutputFiles

/// Episode logs of other tools, read into the same `TrainingMetrics` as our `metrics.csv` (episodes only:
/// such logs have no loss or epsilon, which are left empty, never invented). Recognised by content:
/// - Stable-Baselines3's `monitor.csv`: a `#{...}` JSON comment line, then a header with `r` (return) and
///   `l` (length), one row per episode;
/// - a plain CSV of episode returns, with the return column named by the caller (and `l` or `length`
///   used for frames when present).
/// Episode k's frame is the sum of the lengths so far, or k when the log has no lengths.
public enum EpisodeLog {
    public enum Kind: String, Sendable {
        case metrics = "cartpole metrics.csv"
        case monitor = "Stable-Baselines3 monitor.csv"
        case returns = "CSV of episode returns"
    }

    /// The log at `url`, whichever kind it is, and its kind.
    public static func read(from url: URL, returnColumn: String? = nil) throws(AgentError) -> (
        metrics: TrainingMetrics, kind: Kind
    ) {
        let path = url.relativePath
        let data = try FileIO.readText(url, what: "an episode log") { .io(path: path, reason: $0) }
        let text = String(decoding: data, as: UTF8.self)
        // "\r\n" is one Character in Swift: split on newlines of either kind.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        while lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first else { throw AgentError.io(path: path, reason: "the file is empty") }
        if first.hasPrefix("#{") {
            return (try episodes(Array(lines.dropFirst()), returnColumn: "r", firstLine: 2, path: path), .monitor)
        }
        let header = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        // A header that starts as ours is a metrics.csv, damaged or not: its own parser says what is wrong.
        if header.first == "frame"
            || Set(header).isSuperset(of: MetricsCSV.header.split(separator: ",").map(String.init))
        {
            return (try MetricsCSV.decode(data, path: path), .metrics)
        }
        guard let returnColumn else {
            throw AgentError.io(
                path: path,
                reason: "not a cartpole metrics.csv nor a Stable-Baselines3 monitor.csv; "
                    + "for a CSV of episode returns, name its column with \(AgentError.setting("return-column")) (columns: \(MessageText.shownList(header)))"
            )
        }
        return (try episodes(lines, returnColumn: returnColumn, firstLine: 1, path: path), .returns)
    }

    private static func episodes(_ lines: [Substring], returnColumn: String, firstLine: Int, path: String)
        throws(AgentError) -> TrainingMetrics
    {
        guard let headerLine = lines.first else {
            throw AgentError.io(path: path, reason: "line \(firstLine): the header is missing")
        }
        let header = headerLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let returnIndex = header.firstIndex(of: returnColumn) else {
            throw AgentError.io(
                path: path,
                reason:
                    "line \(firstLine): no column '\(MessageText.shown(returnColumn))' (columns: \(MessageText.shownList(header)))"
            )
        }
        let lengthIndex = header.firstIndex(of: "l") ?? header.firstIndex(of: "length")
        var metrics = TrainingMetrics()
        var frame = 0
        for (offset, line) in lines.dropFirst().enumerated() where !line.isEmpty {
            let number = firstLine + 1 + offset
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == header.count,
                let value = Double(fields[returnIndex].trimmingCharacters(in: .whitespaces))
            else {
                throw AgentError.io(
                    path: path,
                    reason:
                        "line \(number): expected \(header.count) fields with a number in '\(MessageText.shown(returnColumn))'"
                )
            }
            guard value.isFinite else {
                throw AgentError.io(
                    path: path,
                    reason: "line \(number): '\(MessageText.shown(fields[returnIndex]))' is not a finite return")
            }
            if let lengthIndex {
                guard let length = Int(fields[lengthIndex].trimmingCharacters(in: .whitespaces)), length >= 0 else {
                    throw AgentError.io(
                        path: path,
                        reason: "line \(number): '\(MessageText.shown(fields[lengthIndex]))' is not a valid length")
                }
                let (sum, overflow) = frame.addingReportingOverflow(length)
                guard !overflow else {
                    throw AgentError.io(path: path, reason: "line \(number): the lengths add up past any frame count")
                }
                frame = sum
            } else {
                frame += 1
            }
            metrics.rows.append(TrainingMetrics.Row(frame: frame, episode: metrics.rows.count + 1, score: value))
        }
        return metrics
    }
}
