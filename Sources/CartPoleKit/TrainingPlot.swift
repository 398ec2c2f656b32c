import Agent
import Foundation
import Render

/// The training figure of some metrics and evaluations, written as a PNG (atomically).
public enum TrainingPlot {
    public static func figure(
        _ metrics: TrainingMetrics, evaluation: [EvaluationPoint] = [], environment: EnvironmentID
    ) -> TrainingFigure {
        TrainingFigure(
            frame: metrics.frames, scores: metrics.scores, meanWindow: TrainingMetrics.scoreWindow,
            losses: metrics.losses.map(Double.init),
            epsilons: metrics.epsilons, rewardThreshold: environment.rewardThreshold,
            evaluation: marks(evaluation, metrics: metrics))
    }

    /// Each evaluation placed at the number of episodes finished by its frame, the score panel's x.
    static func marks(_ points: [EvaluationPoint], metrics: TrainingMetrics) -> [TrainingFigure.EvaluationMark] {
        var finished = 0
        var row = 0
        return points.map { point in
            while row < metrics.rows.count && metrics.rows[row].frame <= point.frame {
                if metrics.rows[row].score != nil { finished += 1 }
                row += 1
            }
            return TrainingFigure.EvaluationMark(
                episode: Double(finished), mean: point.meanReturn,
                minimum: point.returns.min() ?? .nan, maximum: point.returns.max() ?? .nan)
        }
    }

    public static func write(
        _ metrics: TrainingMetrics, evaluation: [EvaluationPoint] = [], environment: EnvironmentID, to url: URL,
        size: (width: Int, height: Int) = (2000, 500)
    ) throws {
        try figure(metrics, evaluation: evaluation, environment: environment).render(
            width: size.width, height: size.height
        )
        .writePNG(to: url)
    }

    /// What `plot` drew: the log it read, the environment whose threshold it shows, the image's size.
    public struct Plotted {
        public let url: URL
        public let kind: EpisodeLog.Kind
        public let environment: EnvironmentID
        public let size: (width: Int, height: Int)
    }

    /// Draws training.png into `folder` from a log: our metrics.csv (with the evaluations of the eval.csv
    /// beside it, when its run lists it), or another tool's episode log, of which only the returns are
    /// drawn (800x500 unless `size`). The environment is `environment`, else the one the log names (see
    /// `LoggedEnvironment`), else that of the agent.safetensors beside the log, else CartPole-v0. `note` hears what was passed over.
    public static func write(
        log: URL, returnColumn: String?, environment: EnvironmentID?, size: (width: Int, height: Int)?,
        into folder: URL, note: (String) -> Void
    ) throws -> Plotted {
        try ResultInput.check(log, note: note)
        let contents = try EpisodeLog.read(from: log, returnColumn: returnColumn, note: note)
        let (data, kind, scores) = (contents.metrics, contents.kind, contents.scores)
        let beside = log.deletingLastPathComponent()
        let environment =
            environment ?? contents.environment
            ?? (try? Checkpoint.read(from: beside.appendingPathComponent("agent.safetensors")).environment) ?? .v0
        let evalURL = beside.appendingPathComponent("eval.csv")
        let evaluation =
            kind == .metrics
                && !ResultInput.belonging(
                    [evalURL].filter { FileManager.default.fileExists(atPath: $0.path) }, in: beside.relativePath,
                    note: note
                ).isEmpty
            ? try TrainingEvaluationCSV.read(from: evalURL) : []
        var figure = figure(data, evaluation: evaluation, environment: environment)
        var dimensions = size ?? (2000, 500)
        if kind != .metrics {
            figure.scoreName = "training return"
            figure.scoreLabel = "training return"
            figure.noUpdateMessage = "not in this log"
            if let scores {
                // A moving mean logged at steps: drawn against them, as it is.
                figure.scoreName = contents.tag ?? scores
                figure.scoreLabel = scores
                figure.scoreCount = "frame"
                figure.scoreX = data.rows.compactMap { $0.score == nil ? nil : Double($0.frame) }
                figure.scoresAreMovingMean = true
            }
            if data.losses.isEmpty && data.epsilons.isEmpty {
                note(
                    "note: \(log.relativePath) is a \(kind.rawValue): it has no loss or epsilon, so only the training returns are drawn"
                )
                figure.showsUpdatePanels = false
                if size == nil { dimensions = (800, 500) }
            }
        }
        let url = folder.appendingPathComponent("training.png")
        try figure.render(width: dimensions.width, height: dimensions.height).writePNG(to: url)
        return Plotted(url: url, kind: kind, environment: environment, size: dimensions)
    }
}
