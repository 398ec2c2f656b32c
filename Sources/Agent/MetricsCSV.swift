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
        do { try Data(encode(metrics).utf8).write(to: url, options: .atomic) } catch {
            throw AgentError.io(path: url.path, reason: "cannot write the metrics (\(error.localizedDescription))")
        }
    }

    public static func read(from url: URL) throws(AgentError) -> TrainingMetrics {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file"
            throw AgentError.io(path: url.path, reason: reason)
        }
        return try decode(String(decoding: data, as: UTF8.self), path: url.path)
    }

    /// Parses a metrics file; an empty file, missing columns, a bad number or a ragged row is an error
    /// naming the file and line.
    public static func decode(_ text: String, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
        guard let first = lines.first, !first.isEmpty else {
            throw AgentError.io(path: path, reason: "the file is empty; expected the header '\(header)'")
        }
        let columns = first.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let required = header.split(separator: ",").map(String.init)
        let missing = required.filter { !columns.contains($0) }
        guard missing.isEmpty else {
            throw AgentError.io(path: path, reason: "line 1: missing column(s) \(missing.joined(separator: ", ")); expected '\(header)'")
        }
        let index = Dictionary(uniqueKeysWithValues: required.map { name in (name, columns.firstIndex(of: name)!) })
        var metrics = TrainingMetrics()
        metrics.rows.reserveCapacity(lines.count)
        for (number, line) in lines.enumerated().dropFirst() {
            let lineNumber = number + 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == columns.count else {
                throw AgentError.io(path: path, reason: "line \(lineNumber): \(fields.count) fields, expected \(columns.count)")
            }
            func field(_ name: String) -> Substring { fields[index[name]!] }
            func value<T: LosslessStringConvertible>(_ name: String, as: T.Type) throws(AgentError) -> T? {
                let text = field(name)
                if text.isEmpty { return nil }
                guard let value = T(String(text)) else {
                    throw AgentError.io(path: path, reason: "line \(lineNumber): '\(text)' is not a valid \(name)")
                }
                return value
            }
            guard let frame = try value("frame", as: Int.self), frame >= 0 else {
                throw AgentError.io(path: path, reason: "line \(lineNumber): the frame is missing or negative")
            }
            metrics.rows.append(TrainingMetrics.Row(
                frame: frame, update: try value("update", as: Int.self), loss: try value("loss", as: Float.self),
                epsilon: try value("epsilon", as: Double.self), episode: try value("episode", as: Int.self),
                score: try value("score", as: Double.self)))
        }
        return metrics
    }
}
