import Foundation
import OutputFiles

/// The evaluation files: `eval.csv` of `cartpole eval` (`episode,seed,return,length,ended`), and the
/// `eval.csv` that training writes (`frame,episode,return,length`: the episodes of each evaluation made
/// every `--eval-every` frames), which `cartpole compare` reads back.
public enum EvaluationCSV {
    public static let header = "episode,seed,return,length,ended"
    public static let trainingHeader = "frame,episode,return,length"

    public static func encode(_ episodes: [Evaluation.Episode]) -> String {
        header + "\n"
            + episodes.map { "\($0.index),\($0.seed),\($0.returnValue),\($0.length),\($0.ending.rawValue)\n" }.joined()
    }

    /// One evaluation made during training: the frame it was made at and its episodes.
    public struct Point: Sendable, Equatable {
        public var frame: Int
        public var returns: [Double]
        public var lengths: [Int]

        public init(frame: Int, returns: [Double], lengths: [Int]) {
            self.frame = frame
            self.returns = returns
            self.lengths = lengths
        }

        public var meanReturn: Double { Statistics.mean(returns) }
    }

    /// Stand-ins for evaluations from a log that has none (another tool's episode log): at every `every`
    /// frames, the returns of the episodes that ended since the previous point (windows without one are
    /// left out).
    public static func windows(of metrics: TrainingMetrics, every: Int) -> [Point] {
        precondition(every > 0)
        var points: [Point] = []
        for row in metrics.rows {
            guard let score = row.score else { continue }
            let (rounded, overflow) = ((row.frame + every - 1) / every).multipliedReportingOverflow(by: every)
            let end = overflow ? row.frame : max(rounded, every)
            if points.last?.frame != end { points.append(Point(frame: end, returns: [], lengths: [])) }
            points[points.count - 1].returns.append(score)
            points[points.count - 1].lengths.append(0)
        }
        return points
    }

    public static func encode(_ points: [Point]) -> String {
        var text = trainingHeader + "\n"
        for point in points {
            for (episode, (value, length)) in zip(point.returns, point.lengths).enumerated() {
                text += "\(point.frame),\(episode),\(value),\(length)\n"
            }
        }
        return text
    }

    public static func write(_ text: String, to url: URL) throws(AgentError) {
        try FileIO.write(Data(text.utf8), to: url, what: "the evaluation")
    }

    /// Reads a training `eval.csv` back into its evaluations, in file order; a malformed file is an error
    /// naming the line.
    public static func readTraining(from url: URL) throws(AgentError) -> [Point] {
        let data = try FileIO.readText(url, what: "an eval.csv") { .io(path: url.relativePath, reason: $0) }
        let path = url.relativePath
        // "\r\n" is one Character in Swift: split on newlines of either kind.
        let lines = String(decoding: data, as: UTF8.self).split(
            omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        guard let first = lines.first, first.trimmingCharacters(in: .whitespaces) == trainingHeader else {
            let found = lines.first.map { "; found '\(MessageText.shown($0))'" } ?? ""
            throw AgentError.io(path: path, reason: "line 1: expected the header '\(trainingHeader)'\(found)")
        }
        var points: [Point] = []
        for (number, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            func bad(_ index: Int, _ what: String) -> AgentError {
                .io(
                    path: path,
                    reason: "line \(number + 1): '\(MessageText.shown(fields[index]))' is not a valid \(what)")
            }
            guard fields.count == 4 else {
                throw AgentError.io(
                    path: path,
                    reason: "line \(number + 1): \(fields.count) fields, expected 4 (frame,episode,return,length)")
            }
            guard let frame = Int(fields[0]), frame >= 0 else { throw bad(0, "frame (a whole number, 0 or more)") }
            guard Int(fields[1]) != nil else { throw bad(1, "episode (a whole number)") }
            guard let value = Double(fields[2]), value.isFinite else { throw bad(2, "return (a finite number)") }
            guard let length = Int(fields[3]), length >= 0 else { throw bad(3, "length (a whole number, 0 or more)") }
            if points.last?.frame != frame { points.append(Point(frame: frame, returns: [], lengths: [])) }
            points[points.count - 1].returns.append(value)
            points[points.count - 1].lengths.append(length)
        }
        guard !points.isEmpty else {
            throw AgentError.io(path: path, reason: "it holds no evaluation, only its header")
        }
        return points
    }
}
