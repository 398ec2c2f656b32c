import Agent
import FileFormats
import Foundation
import Render

/// The training figure of some metrics and evaluations, written as a PNG (atomically).
package enum TrainingPlot {
    package static func figure(
        _ metrics: TrainingMetrics, evaluation: [EvaluationPoint] = [], environment: EnvironmentID
    ) -> TrainingFigure {
        var figure = TrainingFigure(
            frame: metrics.frames, scores: metrics.scores, meanWindow: TrainingMetrics.scoreWindow,
            losses: metrics.losses.map(Double.init),
            epsilons: metrics.epsilons, rewardThreshold: environment.rewardThreshold,
            evaluation: evaluation.map {
                TrainingFigure.EvaluationMark(
                    x: Double($0.frame), mean: $0.meanReturn, minimum: $0.returns.min() ?? .nan,
                    maximum: $0.returns.max() ?? .nan)
            })
        // Every panel against frames: episodes where they ended, evaluations and updates where they were made.
        figure.scoreX = metrics.rows.compactMap { $0.score == nil ? nil : Double($0.frame) }
        figure.lossX = metrics.rows.compactMap { $0.loss == nil ? nil : Double($0.frame) }
        figure.epsilonX = metrics.rows.compactMap { $0.epsilon == nil ? nil : Double($0.frame) }
        figure.scoreName = "training return"
        figure.scoreLabel = "return"
        figure.scoreCount = "frame"
        let prioritized = metrics.rows.filter { $0.priorities != nil }
        figure.priorityX = prioritized.map { Double($0.frame) }
        figure.priorityQuantiles = prioritized.map { ($0.priorities ?? []).map(Double.init) }
        let noisy = metrics.rows.filter { $0.sigmas != nil }
        figure.sigmaX = noisy.map { Double($0.frame) }
        figure.sigmas = noisy.map { ($0.sigmas ?? []).map(Double.init) }
        return figure
    }

    /// The training figure's size unless one is asked for: the notebook's 20x5 inches at 100 dpi.
    package static let defaultSize = FigureSize.pixels(width: 2000, height: 500)

    /// Writes training.* of `metrics` into `folder` as `figures` says.
    package static func write(
        _ metrics: TrainingMetrics, evaluation: [EvaluationPoint] = [], environment: EnvironmentID,
        figures: FigureOutput = .png, into folder: URL
    ) throws {
        try figures.write(
            figure(metrics, evaluation: evaluation, environment: environment).figure, named: "training",
            defaultSize: defaultSize, into: folder)
    }

    /// What `plot` drew: the files, the log it read, the environment whose threshold it shows, the size.
    package struct Plotted {
        package let files: [URL]
        package let kind: EpisodeLog.Kind
        package let environment: EnvironmentID
        package let size: FigureSize
    }

    /// Draws training.png into `folder` from a log: our metrics.csv (with the evaluations of the eval.csv
    /// beside it, when its run lists it), or another tool's episode log, of which only the returns are
    /// drawn (800x500 unless `figures` has a size). The environment is `environment`, else the one the log names (see
    /// `LoggedEnvironment`), else that of the agent.safetensors beside the log, else CartPole-v0. `note` hears what was passed over.
    package static func write(
        log: URL, returnColumn: String?, environment: EnvironmentID?, figures: FigureOutput = .png,
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
        var size = figures.size ?? defaultSize
        if kind != .metrics {
            figure.scoreLabel = "training return"
            figure.noUpdateMessage = "not in this log"
            if data.rows.enumerated().allSatisfy({ $0.element.frame == $0.offset + 1 }) {
                // A log without lengths counts episodes, not frames.
                figure.scoreX = nil
                figure.scoreCount = "episode"
            }
            if let scores {
                // A moving mean logged at steps: drawn against them, as it is.
                figure.scoreName = contents.tag ?? scores
                figure.scoreLabel = scores
                figure.scoresAreMovingMean = true
            }
            if data.losses.isEmpty && data.epsilons.isEmpty {
                note(
                    "note: \(log.relativePath) is a \(kind.rawValue): it has no loss or epsilon, so only the training returns are drawn"
                )
                figure.showsUpdatePanels = false
                if figures.size == nil { size = .pixels(width: 800, height: 500) }
            }
        }
        let files = try figures.write(figure.figure, named: "training", defaultSize: size, into: folder)
        return Plotted(files: files, kind: kind, environment: environment, size: size)
    }
}
