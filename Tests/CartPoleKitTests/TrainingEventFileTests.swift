import Agent
import CartPoleKit
import FileFormats
import Foundation
import TestSupport
import Testing

/// The event file a training writes holds the values of its metrics.csv and eval.csv, as TensorBoard's own
/// reader reads them (Tests/Fixtures/ours: a run of `cartpole train` and TensorBoard's `EventAccumulator`
/// reading its event file) and as ours does.
@Suite struct TrainingEventFileTests {
    /// (step, value) per tag, from a run's metrics.csv and eval.csv, in float32 as an event file holds them.
    static func expected(in folder: URL) throws -> [String: [[Double]]] {
        let metrics = try MetricsCSV.read(from: folder.appendingPathComponent("metrics.csv"))
        let points = try TrainingEvaluationCSV.read(from: folder.appendingPathComponent("eval.csv"))
        func pairs(_ values: [(Int, Double?)]) -> [[Double]] {
            values.compactMap { frame, value in value.map { [Double(frame), Double(Float($0))] } }
        }
        return [
            ScalarTag.episodicReturn: pairs(metrics.rows.map { ($0.frame, $0.score) }),
            ScalarTag.tdLoss: pairs(metrics.rows.map { ($0.frame, $0.loss.map(Double.init)) }),
            ScalarTag.epsilon: pairs(metrics.rows.map { ($0.frame, $0.epsilon) }),
            ScalarTag.evaluationMean: pairs(points.map { ($0.frame, $0.meanReturn) }),
        ]
    }

    static func read(_ file: URL) throws -> [String: [[Double]]] {
        try TensorBoardEvents.read(from: file).scalars.mapValues { $0.map { [Double($0.step), $0.value] } }
    }

    @Test func tensorBoardReadsOurEventFileAsTheMetrics() throws {
        let folder = Fixtures.directory.appendingPathComponent("ours")
        let fixture = try Fixtures.json("ours/tensorboard.json")
        var tensorBoard: [String: [[Double]]] = [:]
        for tag in [ScalarTag.episodicReturn, ScalarTag.tdLoss, ScalarTag.epsilon, ScalarTag.evaluationMean] {
            tensorBoard[tag] = try fixture["tags"][tag].array.map { try $0.array.map { try $0.double } }
        }
        let expected = try Self.expected(in: folder)
        #expect(expected.values.allSatisfy { !$0.isEmpty })
        #expect(tensorBoard == expected, "TensorBoard's reading of the event file is metrics.csv and eval.csv")
        #expect(try Self.read(folder.appendingPathComponent(try fixture["file"].string)) == expected)
    }

    @Test func aTrainingWritesItsMetricsAsItsEventFile() throws {
        let folder = try Fixtures.temporaryDirectory("events")
        var configuration = TrainingConfiguration()
        configuration.frames = 700
        configuration.hidden = 8
        configuration.evalEvery = 300
        configuration.evalEpisodes = 2
        _ = try TrainingSession(configuration: configuration, folder: folder).run()
        let events = try Self.read(folder.appendingPathComponent(TensorBoardEventWriter.fileName))
        let expected = try Self.expected(in: folder)
        #expect(expected[ScalarTag.evaluationMean]?.count == 2 && expected[ScalarTag.tdLoss]?.isEmpty == false)
        #expect(events == expected)
    }
}
