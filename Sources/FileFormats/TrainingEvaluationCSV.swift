import Agent
import Foundation
import OutputFiles

/// The `eval.csv` that training writes (`frame,episode,return,length`: the episodes of each evaluation made
/// every `--eval-every` frames), which `cartpole plot` and `cartpole compare` read back.
package enum TrainingEvaluationCSV {
    package static let header = "frame,episode,return,length"

    package static func encode(_ points: [EvaluationPoint]) -> String {
        var text = header + "\n"
        for point in points {
            for (episode, (value, length)) in zip(point.returns, point.lengths).enumerated() {
                text += "\(point.frame),\(episode),\(value),\(length)\n"
            }
        }
        return text
    }

    package static func write(_ points: [EvaluationPoint], to url: URL) throws(AgentError) {
        try FileIO.write(Data(encode(points).utf8), to: url, what: "the evaluations")
    }

    /// Reads a training `eval.csv` back into its evaluations, in file order; a malformed file is an error
    /// naming the line.
    package static func read(from url: URL) throws(AgentError) -> [EvaluationPoint] {
        let data = try FileIO.readText(url, what: "an eval.csv") {
            .io(path: url.relativePath, reason: SettingText($0))
        }
        let path = url.relativePath
        var points: [EvaluationPoint] = []
        var lines = 0
        try CSVRows(data).eachRow { row throws(AgentError) in
            lines = row.number
            guard row.number > 1 else {
                guard row.text.trimmingCharacters(in: .whitespaces) == header else {
                    throw AgentError.io(
                        path: path,
                        reason: "line 1: expected the header '\(header)'; found '\(MessageText.shown(row.text))'")
                }
                return
            }
            guard !row.isEmpty else { return }
            func bad(_ index: Int, _ what: String) -> AgentError {
                .io(
                    path: path,
                    reason: "line \(row.number): '\(MessageText.shown(row.field(index)))' is not a valid \(what)")
            }
            guard row.count == 4 else {
                throw AgentError.io(
                    path: path,
                    reason: "line \(row.number): \(row.count) fields, expected 4 (frame,episode,return,length)")
            }
            guard let frame = row.integer(0), LoggedValue.isFrame(frame) else {
                throw bad(0, "frame (a whole number from 0 to \(LoggedValue.largestFrame))")
            }
            guard row.integer(1) != nil else { throw bad(1, "episode (a whole number)") }
            guard let value = row.real(2), LoggedValue.isReturn(value) else {
                throw bad(2, "return (a finite number within \(LoggedValue.returnBound))")
            }
            guard let length = row.integer(3), length >= 0 else { throw bad(3, "length (a whole number, 0 or more)") }
            if points.last?.frame != frame { points.append(EvaluationPoint(frame: frame, returns: [], lengths: [])) }
            points[points.count - 1].returns.append(value)
            points[points.count - 1].lengths.append(length)
        }
        guard lines > 0 else {
            throw AgentError.io(path: path, reason: "the file is empty; expected the header '\(header)'")
        }
        guard !points.isEmpty else {
            throw AgentError.io(path: path, reason: "it holds no evaluation, only its header")
        }
        return points
    }
}
