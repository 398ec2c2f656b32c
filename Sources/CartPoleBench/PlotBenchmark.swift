import Foundation
import Render

/// One 3-panel 2000x500 figure from 20000 loss and epsilon points and 150 scores: drawing, then PNG encoding.
func benchmarkPlot(repeats: Int = 20) {
    var generator = SystemRandomNumberGenerator()
    let losses = (0..<20000).map { 2 * exp(-Double($0) / 5000) * Double.random(in: 0.2...1.8, using: &generator) }
    let epsilons = (0..<20000).map { max(0.1, 1 - Double($0) * 0.00045) }
    let scores = (0..<150).map { _ in Double.random(in: 10...200, using: &generator) }
    let figure = TrainingFigure(
        frame: 20000, scores: scores, meanWindow: 10, losses: losses, epsilons: epsilons, rewardThreshold: 195)
    let clock = ContinuousClock()
    var drawing = [Double]()
    var encoding = [Double]()
    for _ in 0..<repeats {
        var canvas: Canvas?
        drawing.append(seconds(clock.measure { canvas = try! figure.render() }))
        encoding.append(seconds(clock.measure { _ = try! canvas!.pngData() }))
    }
    let draw = drawing.sorted()[repeats / 2] * 1000
    let png = encoding.sorted()[repeats / 2] * 1000
    print(
        String(
            format:
                "training figure 2000x500 (20000 loss + 20000 epsilon points, 150 scores): draw %.1f ms + PNG %.1f ms = %.1f ms (median of %d)",
            draw, png, draw + png, repeats))
}
