import CCairo
import Foundation

/// The notebook's three-panel training figure: episode scores (with their moving average over `meanWindow`
/// episodes, the last of which the title shows, and the reward threshold), the loss of each update, and
/// epsilon per update. Plain numbers in, PNG out.
package struct TrainingFigure: Sendable {
    package var frame: Int
    package var scores: [Double]
    /// The episodes each point of the moving average covers.
    package var meanWindow: Int
    package var losses: [Double]
    package var epsilons: [Double]
    /// The environment's reward threshold (195 for v0, 475 for v1), drawn dashed; nil to leave out.
    package var rewardThreshold: Double?
    /// Evaluations made during training, drawn on the score panel at the episode count they were made at.
    package var evaluation: [EvaluationMark]
    /// The loss and epsilon panels; left out for logs that have neither (another tool's episode log).
    package var showsUpdatePanels = true
    /// The score panel's labels: what the scores are (in the legend and on the axis), and what they are
    /// counted in.
    package var scoreName = "score"
    package var scoreLabel = "score (return)"
    package var scoreCount = "episode"
    /// Each score's x (e.g. the frame its episode ended at), when not its place in order.
    package var scoreX: [Double]?
    /// The frame of each loss and of each epsilon, when known: the update panels then share the score
    /// panel's frame axis (and label it "frame").
    package var lossX: [Double]?
    package var epsilonX: [Double]?
    /// The scores are a moving mean already (Stable-Baselines3's `rollout/ep_rew_mean`): drawn as they are,
    /// not averaged again, and the title shows the last one.
    package var scoresAreMovingMean = false
    /// What the loss and epsilon panels say when they have no value.
    package var noUpdateMessage = "no update yet"
    /// Prioritized replay's held priorities over training, drawn as a fourth panel when there are any: each
    /// point's frame, and its 5%, 25%, 50%, 75% and 95% quantiles (one array per point).
    package var priorityX: [Double] = []
    package var priorityQuantiles: [[Double]] = []
    /// A noisy network's mean |σ| of each noisy layer over training, a panel of its own when there are any:
    /// each point's frame, and one value per layer.
    package var sigmaX: [Double] = []
    package var sigmas: [[Double]] = []

    /// One evaluation: its x on the score panel (its frame, or the episodes finished by then), mean, lowest
    /// and highest return.
    package struct EvaluationMark: Sendable {
        package var x: Double, mean: Double, minimum: Double, maximum: Double
        package init(x: Double, mean: Double, minimum: Double, maximum: Double) {
            self.x = x
            self.mean = mean
            self.minimum = minimum
            self.maximum = maximum
        }
    }

    package init(
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
    package static func movingAverage(_ values: [Double], window: Int) -> [Double] {
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

    package var panels: [PlotPanel] {
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
                        "evaluation mean (min to max)", evaluation.map(\.mean), x: evaluation.map(\.x),
                        band: PlotBand(lower: evaluation.map(\.minimum), upper: evaluation.map(\.maximum)),
                        colour: Colour.cycle[2], lineWidth: 2)
                ])
        let threshold =
            rewardThreshold.map { [ReferenceLine("threshold \(String(format: "%g", $0))", $0, colour: .red)] } ?? []
        let loss = Self.lossSummary(losses, x: lossX, bins: 200)
        let updateAxis = lossX == nil ? "update" : "frame"
        var panels = [
            PlotPanel(
                title: scoresAreMovingMean
                    ? "last value \(last ?? "-"), frame \(frame)"
                    : "\(scoreName) \(mean) (mean of last \(meanWindow)), frame \(frame)",
                xLabel: scoreCount, yLabel: scoreLabel,
                series: scoreSeries, references: threshold, emptyMessage: "no finished episode yet", showsLegend: true,
                wholeX: scoreX == nil),
            PlotPanel(
                title: loss.per == 1
                    ? "loss of each update" : "loss: mean, 10% to 90% and largest of each \(loss.per) updates",
                xLabel: updateAxis, yLabel: "loss",
                series: loss.per == 1
                    ? [PlotSeries("loss", losses, x: lossX, colour: .blue)]
                    : [
                        PlotSeries("largest", loss.maxima, x: loss.x, colour: Colour.blue.faded),
                        PlotSeries(
                            "mean", loss.means, x: loss.x, band: PlotBand(lower: loss.lower, upper: loss.upper),
                            colour: .blue, lineWidth: 1.5),
                    ], emptyMessage: noUpdateMessage, allowsLogScale: true, wholeX: lossX == nil),
            PlotPanel(
                title: neverRandom ? "epsilon: 0, no random action" : "epsilon", xLabel: updateAxis,
                yLabel: "epsilon", series: [PlotSeries("epsilon", epsilons, x: epsilonX, colour: .blue)],
                emptyMessage: noUpdateMessage, wholeX: epsilonX == nil,
                // A line at 0 throughout (a noisy network's training) is drawn clear of the axis.
                yRange: epsilons.isEmpty ? nil : neverRandom ? -0.05...1 : 0...1),
        ]
        // Epsilon follows its schedule: a narrow strip beside the two panels that tell how the training went.
        panels[2].share = 0.5
        if let priorities = priorityPanel { panels.append(priorities) }
        if let sigmas = sigmaPanel { panels.append(sigmas) }
        return showsUpdatePanels ? panels : [panels[0]]
    }

    /// Whether epsilon was 0 at every update: the agent never acted at random.
    private var neverRandom: Bool { !epsilons.isEmpty && epsilons.allSatisfy { $0 == 0 } }

    /// Each noisy layer's mean |σ| against frames, or nil without any: how much noise the network keeps.
    private var sigmaPanel: PlotPanel? {
        guard !sigmaX.isEmpty, sigmas.count == sigmaX.count, let layers = sigmas.first?.count, layers > 0,
            sigmas.allSatisfy({ $0.count == layers })
        else { return nil }
        return PlotPanel(
            title: "noisy layers' mean |σ|", xLabel: "frame", yLabel: "mean |σ|",
            series: (0..<layers).map { layer in
                PlotSeries(
                    "noisy layer \(layer + 1)'s |σ|", sigmas.map { $0[layer] }, x: sigmaX,
                    // Purple and brown: the score panel's blue and orange name other things in the shared legend.
                    colour: Colour.cycle[4 + layer % 2], lineWidth: 1.5)
            }, emptyMessage: noUpdateMessage, showsLegend: true)
    }

    /// The held priorities' median with its 25%-75% and 5%-95% bands against frames, or nil without any.
    private var priorityPanel: PlotPanel? {
        guard !priorityX.isEmpty, priorityQuantiles.count == priorityX.count,
            priorityQuantiles.allSatisfy({ $0.count == 5 })
        else { return nil }
        func level(_ index: Int) -> [Double] { priorityQuantiles.map { $0[index] } }
        let median = level(2)
        return PlotPanel(
            title: "priorities held: median, 25% to 75%, 5% to 95%", xLabel: "frame", yLabel: "priority (loss + ε)",
            series: [
                PlotSeries(
                    "5% to 95%", median, x: priorityX, band: PlotBand(lower: level(0), upper: level(4)),
                    colour: .blue, lineWidth: 0),
                PlotSeries(
                    "median, 25% to 75%", median, x: priorityX, band: PlotBand(lower: level(1), upper: level(3)),
                    colour: .blue, lineWidth: 1.5),
            ], emptyMessage: noUpdateMessage, allowsLogScale: true)
    }

    /// The losses in `bins` groups of consecutive updates (all of them, one a group, when there are no more):
    /// each group's x (its middle update's), mean, 10% and 90% quantiles and largest value; non-finite
    /// losses make a group's statistics NaN, a gap.
    package static func lossSummary(_ losses: [Double], x: [Double]?, bins: Int) -> LossSummary {
        var summary = LossSummary(per: max(1, (losses.count + bins - 1) / bins))
        for start in stride(from: 0, to: losses.count, by: summary.per) {
            let group = losses[start..<min(start + summary.per, losses.count)]
            let middle = start + group.count / 2
            summary.x.append(x?[middle] ?? Double(middle))
            guard group.allSatisfy(\.isFinite) else {
                summary.means.append(.nan)
                summary.lower.append(.nan)
                summary.upper.append(.nan)
                summary.maxima.append(.nan)
                continue
            }
            let sorted = group.sorted()
            summary.means.append(group.reduce(0, +) / Double(group.count))
            summary.lower.append(sorted[Int(Double(sorted.count - 1) * 0.1)])
            summary.upper.append(sorted[Int((Double(sorted.count - 1) * 0.9).rounded(.up))])
            summary.maxima.append(sorted[sorted.count - 1])
        }
        return summary
    }

    /// Groups of consecutive losses, `per` updates each (the last may have fewer).
    package struct LossSummary: Sendable {
        package var per: Int
        package var x: [Double] = [], means: [Double] = [], lower: [Double] = [], upper: [Double] = []
        package var maxima: [Double] = []
    }

    /// The panels side by side, the score panel's legend under them.
    package var figure: PlotFigure { PlotFigure(panels: panels, legendBelow: true) }

    /// Draws the figure. 2000x500 is the notebook's 20x5 inches at 100 dpi.
    package func render(width: Int = 2000, height: Int = 500) throws -> Canvas {
        try figure.render(width: width, height: height)
    }
}
