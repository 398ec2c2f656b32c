import Foundation
import Testing

@testable import Render

@Suite struct TrainingFigureTests {
    /// The columns of each panel: two fifths of the width each for scores and loss, a fifth for epsilon.
    func columns(_ panel: Int, of canvas: Canvas) -> Range<Int> {
        let edges = [0, 2, 4, 5].map { canvas.width * $0 / 5 }
        return edges[panel]..<edges[panel + 1]
    }

    /// Pixels of `canvas` within a panel's columns, above the legend under the panels, that are close to a
    /// colour.
    func count(_ colour: (Int, Int, Int), in canvas: Canvas, panel: Int, tolerance: Int = 30) -> Int {
        let image = RGBImage(canvas: canvas)
        var found = 0
        for y in 0..<(canvas.height * 9 / 10) {
            for x in columns(panel, of: canvas) {
                let (r, g, b) = image.rgb(x, y)
                if abs(r - colour.0) <= tolerance && abs(g - colour.1) <= tolerance && abs(b - colour.2) <= tolerance {
                    found += 1
                }
            }
        }
        return found
    }

    let blue = (31, 119, 180)

    @Test func everyPanelDrawsItsData() throws {
        let losses = (0..<20000).map { 2 * exp(-Double($0) / 4000) + 0.01 }
        let epsilons = (0..<20000).map { max(0.1, 1 - Double($0) * 0.00045) }
        let scores = (0..<150).map { Double(min(200, 10 + $0 * 2)) }
        let figure = TrainingFigure(
            frame: 20000, scores: scores, meanWindow: 10, losses: losses, epsilons: epsilons, rewardThreshold: 195)
        let canvas = try figure.render()
        #expect(canvas.width == 2000 && canvas.height == 500)
        for panel in 0..<3 {
            #expect(count(blue, in: canvas, panel: panel) > 200, "panel \(panel) has line-coloured pixels")
        }
        #expect(count((255, 127, 14), in: canvas, panel: 0) > 100, "the moving average is drawn")
        #expect(count((214, 39, 40), in: canvas, panel: 0, tolerance: 60) > 100, "the threshold is drawn")
        #expect(figure.panels[0].title == "score 200 (mean of last 10), frame 20000")
        let png = try canvas.pngData()
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    /// A training that never acted at random (a noisy network's, epsilon 0) says so, and its line at 0 is
    /// drawn clear of the axis: blue pixels in the epsilon panel.
    @Test func anEpsilonOfZeroThroughoutIsSaid() throws {
        let figure = TrainingFigure(
            frame: 2000, scores: [10, 20, 30], meanWindow: 10, losses: Array(repeating: 1, count: 100),
            epsilons: Array(repeating: 0, count: 100), rewardThreshold: 195)
        #expect(figure.panels[2].title == "epsilon: 0, no random action")
        #expect(count(blue, in: try figure.render(), panel: 2) > 100)
        let decaying = TrainingFigure(
            frame: 2000, scores: [10], meanWindow: 10, losses: [1, 1], epsilons: [1, 0], rewardThreshold: 195)
        #expect(decaying.panels[2].title == "epsilon")
    }

    @Test func emptyAndNaNLadenSeriesStillRender() throws {
        let empty = TrainingFigure(
            frame: 10, scores: [], meanWindow: 10, losses: [], epsilons: [], rewardThreshold: 195)
        let canvas = try empty.render(width: 900, height: 300)
        #expect(canvas.width == 900)
        #expect(count(blue, in: canvas, panel: 1) == 0)
        #expect(empty.panels[0].title == "score - (mean of last 10), frame 10")

        let nan = TrainingFigure(
            frame: 10, scores: [1, .nan, 3, .infinity, 5],
            meanWindow: 10, losses: [.nan, 0.5, .nan, 0.25, -.infinity], epsilons: [.nan, .nan], rewardThreshold: nil)
        let drawn = try nan.render(width: 900, height: 300)
        #expect(count(blue, in: drawn, panel: 0) > 0)
        #expect(count(blue, in: drawn, panel: 1) > 0)
        #expect(count(blue, in: drawn, panel: 2) == 0, "an all-NaN series draws no line")
    }

    @Test func spikesSurviveTheReduction() throws {
        var losses = [Double](repeating: 0.1, count: 50000)
        losses[31337] = 100
        let canvas = try TrainingFigure(
            frame: 1, scores: [], meanWindow: 10, losses: losses, epsilons: [], rewardThreshold: nil
        )
        .render()
        // The single spike reaches the top of the loss panel's plot area, in the raw losses' light tone.
        let image = RGBImage(canvas: canvas)
        let topRows = (40..<80).filter { y in
            columns(1, of: canvas).contains { x in
                let (r, g, b) = image.rgb(x, y)
                return abs(r - 165) < 20 && abs(g - 200) < 20 && abs(b - 225) < 20
            }
        }
        #expect(!topRows.isEmpty)
    }

    @Test func movingAverageUsesTheLastTen() {
        let values = (1...12).map(Double.init)
        let average = TrainingFigure.movingAverage(values, window: 10)
        #expect(average[0] == 1)
        #expect(average[9] == 5.5)
        #expect(average[11] == 7.5)
    }

    /// Evaluations appear on the score panel as a green line over a green band.
    @Test func evaluationsAreDrawnOnTheScorePanel() throws {
        func greenPixels(_ figure: TrainingFigure) throws -> Int {
            let canvas = try figure.render(width: 1200, height: 300)
            var count = 0
            canvas.withPixels { pixels in
                for offset in stride(from: 0, to: pixels.count, by: 4)
                where Int(pixels[offset + 1]) > Int(pixels[offset + 2]) + 40
                    && Int(pixels[offset + 1]) > Int(pixels[offset]) + 40
                {
                    count += 1
                }
            }
            return count
        }
        let scores = (1...60).map { Double($0 * 3) }
        let plain = TrainingFigure(
            frame: 5000, scores: scores, meanWindow: 10, losses: [1, 0.5], epsilons: [1, 0.5], rewardThreshold: 195)
        var evaluated = plain
        evaluated.evaluation = [10, 30, 50].map {
            TrainingFigure.EvaluationMark(x: $0, mean: $0 * 3, minimum: $0 * 2, maximum: $0 * 4)
        }
        #expect(try greenPixels(plain) == 0)
        let green = try greenPixels(evaluated)
        #expect(green > 200, "\(green) green pixels")
    }

    /// A moving mean another tool logged (Stable-Baselines3's rollout/ep_rew_mean) is drawn against its frames
    /// as it is, not averaged again, and the title shows its last value, not a mean of the last ten.
    @Test func aLoggedMovingMeanIsDrawnAgainstItsFramesAsItIs() {
        var figure = TrainingFigure(
            frame: 3000, scores: [20, 60, 152.8, 117.1], meanWindow: 10, losses: [], epsilons: [],
            rewardThreshold: 475)
        figure.scoreName = "rollout/ep_rew_mean"
        figure.scoreX = [1000, 2000, 2500, 3000]
        figure.scoresAreMovingMean = true
        figure.showsUpdatePanels = false
        let panel = figure.panels[0]
        #expect(figure.panels.count == 1)
        #expect(panel.title == "last value 117.1, frame 3000")
        #expect(panel.series.map(\.label) == ["rollout/ep_rew_mean"])
        #expect(panel.series[0].x == [1000, 2000, 2500, 3000] && panel.series[0].values == [20, 60, 152.8, 117.1])
    }

    /// With prioritized replay's quantiles the figure gains a fourth panel: the median line in two bands,
    /// 25% to 75% inside 5% to 95%, against frames; without them, or with malformed ones, it has three.
    @Test func priorityQuantilesAddAPanelOfBands() throws {
        var figure = TrainingFigure(
            frame: 400, scores: [10, 20], meanWindow: 10, losses: [1, 0.5], epsilons: [1, 0.5], rewardThreshold: 195)
        #expect(figure.panels.count == 3)
        figure.priorityX = [200, 400]
        figure.priorityQuantiles = [[1e-5, 1e-3, 1e-2, 0.1, 1], [2e-5, 2e-3, 2e-2, 0.2, 2]]
        let panel = try #require(figure.panels.count == 4 ? figure.panels[3] : nil)
        #expect(panel.series.map(\.label) == ["5% to 95%", "median, 25% to 75%"])
        #expect(panel.series.allSatisfy { $0.values == [1e-2, 2e-2] && $0.x == [200, 400] })
        #expect(panel.series[0].band?.lower == [1e-5, 2e-5] && panel.series[0].band?.upper == [1, 2])
        #expect(panel.series[1].band?.lower == [1e-3, 2e-3] && panel.series[1].band?.upper == [0.1, 0.2])
        _ = try figure.render(width: 1600, height: 400)
        figure.priorityQuantiles = [[1, 2], [3]]
        #expect(figure.panels.count == 3)
        // A noisy network's |σ|, one line a layer, in a panel of its own.
        figure.sigmaX = [200, 400]
        figure.sigmas = [[0.05, 0.02], [0.051, 0.018]]
        let sigmas = try #require(figure.panels.count == 4 ? figure.panels[3] : nil)
        #expect(sigmas.series.map(\.label) == ["noisy layer 1's |σ|", "noisy layer 2's |σ|"])
        #expect(sigmas.series[1].values == [0.02, 0.018])
    }
}
