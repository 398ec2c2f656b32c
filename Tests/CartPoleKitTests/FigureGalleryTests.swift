import Agent
import CartPoleKit
import FileFormats
import Foundation
import Render
import TestSupport
import Testing

/// Every kind of figure, drawn at a small size from made-up but plausible data, each panel's plot area
/// inside its canvas. With `CARTPOLE_GALLERY=DIR` they are kept in DIR/figures, to be looked at.
@Suite struct FigureGalleryTests {
    let folder = try! Fixtures.galleryDirectory("figures")

    /// Renders `figure` at `width` x `height` pixels and in every format at `column` (a size in inches for a
    /// paper's column), checks its panels' plot areas at both sizes and writes NAME.png and NAME-column.*.
    func draw(_ figure: PlotFigure, _ name: String, width: Int, height: Int, column: FigureSize) throws {
        let canvas = try figure.render(width: width, height: height)
        #expect(canvas.width == width && canvas.height == height)
        for size in [FigureSize.pixels(width: width, height: height), column] {
            let bounds = size.pointSize
            for (index, area) in try figure.dataAreas(size).enumerated() {
                let area = try #require(area, "\(name) panel \(index) has data")
                #expect(
                    area.x > 0 && area.y > 0 && area.right < bounds.width && area.bottom < bounds.height
                        && area.width > 20 && area.height > 20, "\(name) at \(size), panel \(index): \(area)")
            }
        }
        try canvas.writePNG(to: folder.appendingPathComponent(name + ".png"))
        for format in FigureFormat.allCases {
            let data = try figure.encoded(format, size: column)
            let start = String(decoding: data.prefix(200), as: UTF8.self)
            switch format {
            case .png:
                let pixels = column.pixelSize
                #expect(data.count > 1000 && [UInt8](data.prefix(4)) == [0x89, 0x50, 0x4E, 0x47], "\(name) column PNG")
                let (drawnWidth, drawnHeight) = try PNGFile.size(of: data)
                #expect(drawnWidth == pixels.width && drawnHeight == pixels.height, "\(name) column PNG at its dpi")
            case .svg: #expect(start.contains("<svg") && start.contains("pt\""), "\(name) column SVG in points")
            case .pdf:
                #expect(start.hasPrefix("%PDF-") && String(decoding: data.suffix(8), as: UTF8.self).contains("%%EOF"))
                #expect(try figure.encoded(.pdf, size: column) == data, "\(name): the same figure, the same PDF")
            }
            try data.write(to: folder.appendingPathComponent("\(name)-column.\(format.fileExtension)"))
        }
    }

    /// A paper's column: 3.3 inches wide, for one panel and for several.
    static let wide = FigureSize.inches(width: 3.3, height: 2.2, dpi: 300)
    static let tall = FigureSize.inches(width: 3.3, height: 4.4, dpi: 300)
    /// A page's width, for a figure of many panels.
    static let page = FigureSize.inches(width: 7, height: 4.4, dpi: 300)

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
        #expect(outputs.figure.caption?.contains("3 to 5 runs per variant") == true)
        try draw(outputs.figure, "compare-2", width: 1400, height: 360, column: Self.tall)
        let four = ["lr=1e-3", "lr=3e-3", "lr=1e-2", "lr=3e-2"]
        let many = four.enumerated().flatMap { i, v in (1...4).map { run(v, seed: $0, rate: 0.4 * Double(i + 1)) } }
        try draw(
            CompareOutputs(
                comparison: RunComparison(runs: many, order: four, threshold: 195), environment: .v0, drawsRuns: true
            ).figure, "compare-4", width: 1400, height: 360, column: Self.tall)
    }

    @Test func trainingAndEvaluationFigures() throws {
        var generator = SplitMix64(seed: 3)
        // 4000 frames: an update each, an episode ending every 100, an evaluation every 1000.
        var metrics = TrainingMetrics()
        for frame in 1...4000 {
            var row = TrainingMetrics.Row(
                frame: frame, update: frame, loss: Float(2 * exp(-Double(frame) / 900) + 0.5 * generator.nextUnit()),
                epsilon: max(0.1, 1 - Double(frame) / 2000))
            if frame % 100 == 0 {
                row.episode = frame / 100
                row.score = min(200, 10 + Double(frame * frame) / 80000 + 20 * generator.nextUnit())
            }
            metrics.rows.append(row)
        }
        let evaluations = stride(from: 1000, through: 4000, by: 1000).map {
            EvaluationPoint(
                frame: $0, returns: [Double($0) / 25, Double($0) / 20], lengths: [$0 / 25, $0 / 20])
        }
        let training = TrainingPlot.figure(metrics, evaluation: evaluations, environment: .v0)
        try draw(training.figure, "training", width: 1000, height: 260, column: Self.tall)
        var network = QNetwork(hidden: 8, using: &generator)
        network.parameters = network.parameters.map { $0 * 3 }
        let episodes = try Evaluation.play(network, environment: .v0, episodes: 30, epsilon: 0.5, seed: 9)
        let summary = EvaluationSummary(episodes, bootstrapSeed: 0)
        try draw(
            EvaluationPlot.figure(episodes, summary: summary, environment: .v0, agent: "agent", epsilon: 0.5), "eval",
            width: 450, height: 250, column: Self.wide)
    }

    @Test func qMapsOfOneAndSeveralAgents() throws {
        var generator = SplitMix64(seed: 5)
        let network = QNetwork(hidden: 16, using: &generator)
        let map = QMap(network, columns: 40, rows: 30)
        let episode = try QMapFigure.greedyPath(network, environment: .v0, seed: 1)
        try draw(
            QMapFigure.figure(map, path: episode.path, episodeReturn: episode.return, seed: 1), "qmap", width: 800,
            height: 320, column: Self.tall)
        // Nine agents: eight panels, chosen evenly, said in a note and in the caption.
        let agents = (0..<9).map { i in
            GridVideo.Player(
                name: "agent \(i)",
                agent: TrainedAgent(
                    Checkpoint(
                        network: QNetwork(hidden: TrainingConfiguration().hidden, using: &generator),
                        training: TrainingConfiguration(),
                        frames: 1000 * i)))
        }
        var notes: [String] = []
        // In a folder of their own: the one agent's figure above is qmap.png too.
        let agentsFolder = folder.appendingPathComponent("qmap-agents")
        try FileManager.default.createDirectory(at: agentsFolder, withIntermediateDirectories: true)
        let written = try QMapFigure.write(
            agents, environment: .v0, seed: nil, video: false,
            figures: FigureOutput(formats: FigureFormat.allCases, size: Self.page), into: agentsFolder,
            note: { notes.append($0) })
        #expect(written.map(\.lastPathComponent) == ["qmap.png", "qmap.svg", "qmap.pdf"])
        #expect(notes.count == 1 && notes[0].contains("8 of the 9 agents"))
    }
}
