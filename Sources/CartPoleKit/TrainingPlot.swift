import Agent
import Foundation
import Render

/// The training figure of some metrics and evaluations, written as a PNG (atomically).
public enum TrainingPlot {
    public static func figure(
        _ metrics: TrainingMetrics, evaluation: [EvaluationPoint] = [], environment: EnvironmentID
    ) -> TrainingFigure {
        TrainingFigure(
            frame: metrics.frames, scores: metrics.scores, losses: metrics.losses.map(Double.init),
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
}
