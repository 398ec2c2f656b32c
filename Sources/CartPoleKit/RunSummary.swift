import Agent
import Foundation
import OutputFiles

/// `summary.json`: what a run did, for people and for scripts.
public struct RunSummary: Encodable {
    /// Every setting of `Root` under its name in files (`memory_size`), as its description writes it.
    struct Settings<Root: SettingsRoot>: Encodable {
        var values: Root

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            for setting in Root.settings {
                try container.encode(setting.value(in: values), forKey: Key(stringValue: setting.key))
            }
        }
    }

    struct Training: Encodable {
        var frames: Int
        var episodes: Int
        var updates: Int
        var wallSeconds: Double
        var framesPerSecond: Double
        var meanOfLast10Scores: Double?
    }

    struct Episode: Encodable {
        var file: String
        var returnValue: Double
        var length: Int

        enum CodingKeys: String, CodingKey {
            case file, length
            case returnValue = "return"
        }
    }

    /// Mean, standard deviation and extremes of the test episodes' returns or lengths.
    public struct Spread: Encodable {
        public var mean, std, min, max: Double

        /// The sample standard deviation (n - 1), as `cartpole eval` and the README define it; zeros for no values.
        init(_ values: [Double]) {
            mean = values.isEmpty ? 0 : Agent.Statistics.mean(values)
            std = values.count > 1 ? Agent.Statistics.standardDeviation(values) : 0
            min = values.min() ?? 0
            max = values.max() ?? 0
        }
    }

    /// Evaluations made during training, and the best agent they chose.
    struct EvaluationRecord: Encodable {
        struct Point: Encodable {
            var frame: Int
            var mean, min, max: Double
        }
        struct Best: Encodable {
            var file: String
            var frame: Int
            var mean: Double
        }
        var every: Int
        var episodes: Int
        var firstSeed: UInt64
        var points: [Point]
        var best: Best?
    }

    var tool: String
    var version: String
    var configuration: Settings<TrainingConfiguration>
    var training: Training
    var recording: Settings<RecordingSettings>
    var testEpisodes: [Episode]
    /// The test episodes' returns.
    public var testReturns: Spread
    var testLengths: Spread
    var evaluation: EvaluationRecord?
    var files: [String]
    /// "complete", or "interrupted" when Ctrl-C stopped the run and what was done was kept.
    var state: String

    package init(
        configuration c: TrainingConfiguration, recording r: RecordingSettings, outcome: TrainingSession.Outcome,
        version: String,
        episodes: [TestEpisodeVideos.Result], files: [String], interrupted: Bool
    ) {
        tool = "cartpole"
        self.version = version
        configuration = Settings(values: c)
        let agent = outcome.agent
        training = Training(
            frames: agent.frame, episodes: agent.episodes, updates: agent.updates,
            wallSeconds: outcome.seconds, framesPerSecond: Double(agent.frame) / max(outcome.seconds, 1e-9),
            meanOfLast10Scores: agent.metrics.recentMeanScore())
        recording = Settings(values: r)
        testEpisodes = episodes.map {
            Episode(file: $0.url.lastPathComponent, returnValue: $0.returnValue, length: $0.length)
        }
        testReturns = Spread(episodes.map(\.returnValue))
        testLengths = Spread(episodes.map { Double($0.length) })
        let e = outcome.evaluation
        evaluation =
            e.points.isEmpty
            ? nil
            : EvaluationRecord(
                every: e.every, episodes: e.episodes, firstSeed: e.seed,
                points: e.points.map {
                    .init(frame: $0.frame, mean: $0.meanReturn, min: $0.returns.min() ?? 0, max: $0.returns.max() ?? 0)
                },
                best: e.best.map { .init(file: "best.safetensors", frame: $0.frame, mean: $0.mean) })
        self.files = files
        state = interrupted ? "interrupted" : "complete"
    }

    package func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        try AtomicFile.write(encoder.encode(self), to: url)
    }
}
