import CCairo
import Foundation

/// The notebook's three-panel training figure: episode scores (with their moving average over `meanWindow`
/// episodes, the last of which the title shows, and the reward threshold), the loss of each update, and
/// epsilon per update. Plain numbers in, PNG out.
public struct TrainingFigure: Sendable {
    public var frame: Int
    public var scores: [Double]
    /// The episodes each point of the moving average covers.
    public var meanWindow: Int
    public var losses: [Double]
    public var epsilons: [Double]
    /// The environment's reward threshold (195 for v0, 475 for v1), drawn dashed; nil to leave out.
    public var rewardThreshold: Double?
    /// Evaluations made during training, drawn on the score panel at the episode count they were made at.
    public var evaluation: [EvaluationMark]
    /// The loss and epsilon panels; left out for logs that have neither (another tool's episode log).
    public var showsUpdatePanels = true
    /// The score panel's labels: what the scores are (in the legend and on the axis), and what they are
    /// counted in.
    public var scoreName = "score"
    public var scoreLabel = "score (return)"
    public var scoreCount = "episode"
    /// Each score's x (e.g. its frame), when not its place in order.
    public var scoreX: [Double]?
    /// The scores are a moving mean already (Stable-Baselines3's `rollout/ep_rew_mean`): drawn as they are,
    /// not averaged again, and the title shows the last one.
    public var scoresAreMovingMean = false
    /// What the loss and epsilon panels say when they have no value.
    public var noUpdateMessage = "no update yet"

    /// One evaluation: its x on the score panel (episodes finished by then), mean, lowest and highest return.
    public struct EvaluationMark: Sendable {
        public var episode: Double, mean: Double, minimum: Double, maximum: Double
        public init(episode: Double, mean: Double, minimum: Double, maximum: Double) {
            self.episode = episode
            self.mean = mean
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    public init(
        frame: Int, scores: [Double], meanWindow: Int, losses: [Double], epsilons: [Double], rewardThreshold: Double?,
        evaluation: [EvaluationMark] = []
    ) {
        self.evaluation = evaluation
        self.frame = frame
        self.scores = scores
        self.meanWindow = meanWindow
        self.losses = losses
        self.epsilons = epsilons
        self.rewardThreshold = rewardThreshold
    }

    /// The mean of the finite values among the last `window` at each point (fewer at the start; NaN where
    /// there are none), so that one non-finite value leaves a gap of a window, not the rest of the curve.
    /// For finite values it is the plain moving mean, the same arithmetic in the same order.
    public static func movingAverage(_ values: [Double], window: Int) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(values.count)
        var sum = 0.0
        var count = 0
        for (i, value) in values.enumerated() {
            if value.isFinite {
                sum += value
                count += 1
            }
            if i >= window, values[i - window].isFinite {
                sum -= values[i - window]
                count -= 1
            }
            result.append(count > 0 ? sum / Double(count) : .nan)
        }
        return result
    }

    public var panels: [PlotPanel] {
        let average = Self.movingAverage(scores, window: meanWindow)
        let mean =
            average.last.map { $0.isFinite ? String(format: "%g", ($0 * 10).rounded() / 10) : "not finite" } ?? "-"
        let last = scores.last.map { $0.isFinite ? String(format: "%g", ($0 * 10).rounded() / 10) : "not finite" }
        let scoreSeries =
            (scoresAreMovingMean
                ? [PlotSeries(scoreName, scores, x: scoreX, colour: .blue, lineWidth: 2)]
                : [
                    PlotSeries(scoreName, scores, x: scoreX, colour: .blue),
                    PlotSeries("mean of last \(meanWindow)", average, x: scoreX, colour: .orange, lineWidth: 2),
                ])
            + (evaluation.isEmpty
                ? []
                : [
                    PlotSeries(
                        "evaluation mean (min to max)", evaluation.map(\.mean), x: evaluation.map(\.episode),
                        band: PlotBand(lower: evaluation.map(\.minimum), upper: evaluation.map(\.maximum)),
                        colour: Colour.cycle[2], lineWidth: 2)
                ])
        let threshold =
            rewardThreshold.map { [ReferenceLine("threshold \(String(format: "%g", $0))", $0, colour: .red)] } ?? []
        let lossWindow = max(1, losses.count / 100)
        let panels = [
            PlotPanel(
                title: scoresAreMovingMean
                    ? "frame \(frame). last value: \(last ?? "-")"
                    : "frame \(frame). \(scoreName): \(mean)"
                        + (scoreName == "score" ? "" : " (mean of last \(meanWindow))"),
                xLabel: scoreCount, yLabel: scoreLabel,
                series: scoreSeries, references: threshold, emptyMessage: "no finished episode yet", showsLegend: true,
                wholeX: true),
            PlotPanel(
                title: "loss", xLabel: "update", yLabel: "loss",
                series: [
                    PlotSeries("loss", losses, colour: Colour.blue.faded),
                    PlotSeries(
                        "mean of \(lossWindow) updates", Self.movingAverage(losses, window: lossWindow), colour: .blue,
                        lineWidth: 1.5),
                ], emptyMessage: noUpdateMessage, showsLegend: true, allowsLogScale: true, wholeX: true),
            PlotPanel(
                title: "epsilon", xLabel: "update", yLabel: "epsilon",
                series: [PlotSeries("epsilon", epsilons, colour: .blue)], emptyMessage: noUpdateMessage,
                wholeX: true),
        ]
        return showsUpdatePanels ? panels : [panels[0]]
    }

    /// Draws the figure: the panels side by side. 2000x500 is the notebook's 20x5 inches at 100 dpi.
    public func render(width: Int = 2000, height: Int = 500) throws -> Canvas {
        try PlotFigure(panels: panels).render(width: width, height: height)
    }
}
