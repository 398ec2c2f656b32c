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
        let rows = CSVRows(data)
        guard !rows.isBlank, let first = rows.firstLine else {
            throw AgentError.io(path: path, reason: "the file is empty")
        }
        if first.hasPrefix("#{") {
            return (try episodes(rows, returnColumn: "r", headerLine: 2, path: path), .monitor)
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
        return (try episodes(rows, returnColumn: returnColumn, headerLine: 1, path: path), .returns)
    }

    /// The episodes of a log whose header is on line `headerLine`, one per row after it.
    private static func episodes(_ rows: CSVRows, returnColumn: String, headerLine: Int, path: String)
        throws(AgentError) -> TrainingMetrics
    {
        var header: [String] = []
        var returnIndex = 0
        var lengthIndex: Int?
        var metrics = TrainingMetrics()
        var frame = 0
        try rows.eachRow { row throws(AgentError) in
            guard row.number >= headerLine else { return }
            guard row.number > headerLine else {
                header = row.fields.map { $0.trimmingCharacters(in: .whitespaces) }
                guard let index = header.firstIndex(of: returnColumn) else {
                    throw AgentError.io(
                        path: path,
                        reason:
                            "line \(row.number): no column '\(MessageText.shown(returnColumn))' (columns: \(MessageText.shownList(header)))"
                    )
                }
                returnIndex = index
                lengthIndex = header.firstIndex(of: "l") ?? header.firstIndex(of: "length")
                return
            }
            guard !row.isEmpty else { return }
            func field(_ index: Int) -> String { row.field(index).trimmingCharacters(in: .whitespaces) }
            guard row.count == header.count, let value = Double(field(returnIndex)) else {
                throw AgentError.io(
                    path: path,
                    reason:
                        "line \(row.number): expected \(header.count) fields with a number in '\(MessageText.shown(returnColumn))'"
                )
            }
            guard value.isFinite else {
                throw AgentError.io(
                    path: path,
                    reason: "line \(row.number): '\(MessageText.shown(field(returnIndex)))' is not a finite return")
            }
            if let lengthIndex {
                guard let length = Int(field(lengthIndex)), length >= 0 else {
                    throw AgentError.io(
                        path: path,
                        reason: "line \(row.number): '\(MessageText.shown(field(lengthIndex)))' is not a valid length")
                }
                let (sum, overflow) = frame.addingReportingOverflow(length)
                guard !overflow else {
                    throw AgentError.io(
                        path: path, reason: "line \(row.number): the lengths add up past any frame count")
                }
                frame = sum
            } else {
                frame += 1
            }
            metrics.rows.append(TrainingMetrics.Row(frame: frame, episode: metrics.rows.count + 1, score: value))
        }
        guard !header.isEmpty else {
            throw AgentError.io(path: path, reason: "line \(headerLine): the header is missing")
        }
        return metrics
    }
}
