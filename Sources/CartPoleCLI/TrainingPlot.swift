import Agent
import Foundation
import Render

/// The training figure of some metrics, written as a PNG (atomically).
enum TrainingPlot {
    static func figure(_ metrics: TrainingMetrics, environment: EnvironmentID) -> TrainingFigure {
        TrainingFigure(frame: metrics.frames, scores: metrics.scores, losses: metrics.losses.map(Double.init),
                       epsilons: metrics.epsilons, rewardThreshold: environment.rewardThreshold)
    }

    static func write(_ metrics: TrainingMetrics, environment: EnvironmentID, to url: URL,
                      size: (width: Int, height: Int) = (2000, 500)) throws {
        try figure(metrics, environment: environment).render(width: size.width, height: size.height).writePNG(to: url)
    }
}
