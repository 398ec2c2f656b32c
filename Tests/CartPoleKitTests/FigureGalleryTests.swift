import Agent
import CartPoleKit
import Foundation
import Render
import TestSupport
import Testing

/// Every kind of figure, drawn at a small size from made-up but plausible data, each panel's plot area
/// inside its canvas. With `CARTPOLE_GALLERY=DIR` the PNGs are kept in DIR, to be looked at.
@Suite struct FigureGalleryTests {
    let folder: URL
    let keeps: Bool

    init() throws {
        if let path = ProcessInfo.processInfo.environment["CARTPOLE_GALLERY"] {
            folder = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            keeps = true
        } else {
            folder = try Fixtures.temporaryDirectory("gallery")
            keeps = false
        }
    }

    /// Renders `figure`, checks its panels' plot areas and writes it as NAME.png.
    func draw(_ figure: PlotFigure, _ name: String, width: Int, height: Int) throws {
        defer { if !keeps { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name + ".png")) } }
        let canvas = try figure.render(width: width, height: height)
        #expect(canvas.width == width && canvas.height == height)
        for (index, area) in try figure.dataAreas(width: width, height: height).enumerated() {
            let area = try #require(area, "\(name) panel \(index) has data")
            #expect(
                area.x > 0 && area.y > 0 && area.right < Double(width) && area.bottom < Double(height)
                    && area.width > 20 && area.height > 20, "\(name) panel \(index): \(area)")
        }
        try canvas.writePNG(to: folder.appendingPathComponent(name + ".png"))
    }

    /// Evaluation points of a run that learns at `rate`, over `frames`.
    func run(_ variant: String, seed: UInt64, rate: Double) -> RunComparison.Run {
        var generator = SplitMix64(seed: seed)
        let points = stride(from: 1000, through: 20000, by: 1000).map { frame in
            let level = min(200, 20 + rate * Double(frame) / 100 + 30 * generator.nextUnit())
            return EvaluationPoint(
                frame: frame, returns: [level, min(200, level + 5)], lengths: [Int(level), Int(level)])
        }
        return RunComparison.Run(variant: variant, seed: seed, points: points)
    }

    @Test func comparisonsOfTwoAndFourVariantsWithUnevenRuns() throws {
        let two = ["n-step=1", "n-step=3"]
        let runs = (1...3).map { run(two[0], seed: $0, rate: 0.6) } + (1...5).map { run(two[1], seed: $0, rate: 1.2) }
        let comparison = RunComparison(runs: runs, order: two, threshold: 195)
        let outputs = CompareOutputs(comparison: comparison, environment: .v0)
        #expect(outputs.figure.panels[0].title == "IQM over 3 to 5 runs, 95% CI")
        try draw(outputs.figure, "compare-2", width: 1400, height: 360)
        let four = ["lr=1e-3", "lr=3e-3", "lr=1e-2", "lr=3e-2"]
        let many = four.enumerated().flatMap { i, v in (1...4).map { run(v, seed: $0, rate: 0.4 * Double(i + 1)) } }
        try draw(
            CompareOutputs(comparison: RunComparison(runs: many, order: four, threshold: 195), environment: .v0)
                .figure, "compare-4", width: 1400, height: 360)
    }

    @Test func trainingAndEvaluationFigures() throws {
        var generator = SplitMix64(seed: 3)
        let scores = (0..<40).map { min(200, 10 + Double($0 * $0) / 8 + 20 * generator.nextUnit()) }
        let losses = (0..<4000).map { 2 * exp(-Double($0) / 900) + 0.5 * generator.nextUnit() }
        let epsilons = (0..<4000).map { max(0.1, 1 - Double($0) / 2000) }
        let training = TrainingFigure(
            frame: 4000, scores: scores, meanWindow: 10, losses: losses, epsilons: epsilons, rewardThreshold: 195)
        try draw(PlotFigure(panels: training.panels), "training", width: 1000, height: 260)
        var network = QNetwork(hidden: 8, using: &generator)
        network.parameters = network.parameters.map { $0 * 3 }
        let episodes = try Evaluation.play(network, environment: .v0, episodes: 30, epsilon: 0.5, seed: 9)
        let summary = EvaluationSummary(episodes, bootstrapSeed: 0)
        try draw(
            EvaluationPlot.figure(episodes, summary: summary, environment: .v0, agent: "agent", epsilon: 0.5), "eval",
            width: 450, height: 250)
    }

    @Test func qMapsOfOneAndSeveralAgents() throws {
        var generator = SplitMix64(seed: 5)
        let network = QNetwork(hidden: 16, using: &generator)
        let map = QMap(network, columns: 40, rows: 30)
        let episode = try QMapFigure.greedyPath(network, environment: .v0, seed: 1)
        try draw(
            QMapFigure.figure(map, path: episode.path, episodeReturn: episode.return), "qmap", width: 800, height: 300)
    }
}
