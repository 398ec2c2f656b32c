import Agent
import Foundation
import OutputFiles

/// `metrics.csv`: one row per frame that had an update or a finished episode, columns
/// `frame,update,loss,epsilon,episode,score`, empty cells where a frame had no such value. A training adds
/// the columns of a `Group` when it records them (prioritized replay's priority quantiles, a noisy
/// network's |σ|), on the rows that have them; a reader that knows only the first six ignores them.
package enum MetricsCSV {
    package static let header = "frame,update,loss,epsilon,episode,score"
    /// `priority_q05` ... `priority_q95`, one per `TrainingMetrics.priorityLevels`.
    package static let priorityColumns = TrainingMetrics.priorityLevels.map {
        String(format: "priority_q%02d", Int(($0 * 100).rounded()))
    }

    /// Columns written together, all or none on a row: what they hold and where a row keeps it.
    struct Group: Sendable {
        let columns: [String]
        let what: String
        let values: @Sendable (TrainingMetrics.Row) -> [Float]?
        let set: @Sendable (inout TrainingMetrics.Row, [Float]) -> Void
    }

    static let groups = [
        Group(
            columns: priorityColumns, what: "priority quantile", values: { $0.priorities },
            set: { $0.priorities = $1 }),
        Group(
            columns: ["sigma_layer1", "sigma_layer2"], what: "mean |sigma|", values: { $0.sigmas },
            set: { $0.sigmas = $1 }),
    ]

    package static func encode(_ metrics: TrainingMetrics) -> String {
        let present = groups.filter { group in metrics.rows.contains { group.values($0) != nil } }
        var text = ([header] + present.flatMap(\.columns)).joined(separator: ",") + "\n"
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
            for group in present {
                let values = group.values(row) ?? []
                for column in group.columns.indices {
                    text += ","
                    if column < values.count { text += "\(values[column])" }
                }
            }
            text += "\n"
        }
        return text
    }

    /// Writes the metrics atomically (a temporary file renamed into place).
    package static func write(_ metrics: TrainingMetrics, to url: URL) throws(AgentError) {
        try FileIO.write(Data(encode(metrics).utf8), to: url, what: "the metrics")
    }

    package static func read(from url: URL) throws(AgentError) -> TrainingMetrics {
        try decode(
            FileIO.readText(url, what: "a metrics.csv") { .io(path: url.relativePath, reason: SettingText($0)) },
            path: url.relativePath)
    }

    package static func decode(_ text: String, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        try decode(Data(text.utf8), path: path)
    }

    /// Parses a metrics file; an empty file, missing columns, a bad number or a ragged row is an error
    /// naming the file and line. Time and memory grow linearly with the file (`CSVRows`).
    package static func decode(_ data: Data, path: String = "metrics.csv") throws(AgentError) -> TrainingMetrics {
        let required = header.split(separator: ",").map(String.init)
        var position: [Int] = []
        var groupPositions: [(group: Group, positions: [Int])] = []
        var columns = 0
        var metrics = TrainingMetrics()
        try CSVRows(data).eachRow { row throws(AgentError) in
            guard row.number > 1 else {
                guard !row.isEmpty else {
                    throw AgentError.io(path: path, reason: "the file is empty; expected the header '\(header)'")
                }
                let names = row.fields
                let missing = required.filter { !names.contains($0) }
                guard missing.isEmpty else {
                    throw AgentError.io(
                        path: path,
                        reason: "line 1: missing column(s) \(missing.joined(separator: ", ")); expected '\(header)'")
                }
                position = required.compactMap { names.firstIndex(of: $0) }  // every one is there: checked above
                groupPositions = groups.compactMap { group in
                    let positions = group.columns.compactMap { names.firstIndex(of: $0) }
                    return positions.count == group.columns.count ? (group, positions) : nil
                }
                columns = names.count
                return
            }
            guard row.count == columns else {
                throw AgentError.io(path: path, reason: "line \(row.number): \(row.count) fields, expected \(columns)")
            }
            func bad(_ index: Int) -> AgentError {
                .io(
                    path: path,
                    reason:
                        "line \(row.number): '\(MessageText.shown(row.field(position[index])))' is not a valid \(required[index])"
                )
            }
            func integer(_ index: Int) throws(AgentError) -> Int? {
                if row.isBlank(position[index]) { return nil }
                guard let value = row.integer(position[index]) else { throw bad(index) }
                return value
            }
            func real(_ index: Int) throws(AgentError) -> Double? {
                if row.isBlank(position[index]) { return nil }
                guard let value = row.real(position[index]) else { throw bad(index) }
                return value
            }
            guard let frame = try integer(0), LoggedValue.isFrame(frame) else {
                throw AgentError.io(
                    path: path,
                    reason: "line \(row.number): the frame is missing or \(LoggedValue.frameRange)")
            }
            let score = try real(5)
            if let score, !LoggedValue.isReturn(score) {
                throw AgentError.io(path: path, reason: "line \(row.number): the score is \(LoggedValue.returnRange)")
            }
            let loss = try real(2)
            var parsed = TrainingMetrics.Row(
                frame: frame, update: try integer(1), loss: loss.map { Float($0) }, epsilon: try real(3),
                episode: try integer(4), score: score)
            for (group, positions) in groupPositions where !positions.allSatisfy({ row.isBlank($0) }) {
                let values = try positions.indices.map { (index: Int) throws(AgentError) -> Float in
                    let column = positions[index]
                    if row.isBlank(column) {
                        throw AgentError.io(
                            path: path,
                            reason:
                                "line \(row.number): \(group.columns[index]) is empty; a row gives all \(group.columns.count) \(group.what) columns or none"
                        )
                    }
                    guard let value = row.real(column) else {
                        throw AgentError.io(
                            path: path,
                            reason:
                                "line \(row.number): '\(MessageText.shown(row.field(column)))' is not a valid \(group.what)"
                        )
                    }
                    return Float(value)
                }
                group.set(&parsed, values)
            }
            metrics.rows.append(parsed)
        }
        guard columns > 0 else {
            throw AgentError.io(path: path, reason: "the file is empty; expected the header '\(header)'")
        }
        return metrics
    }
}
