import Agent
import Dispatch
import Foundation
import Render
import Synchronization

/// Plays greedy test episodes with a network and writes each as `rl-video-episode-{i}.mp4` (Gymnasium's
/// RecordVideo naming, with the format's extension).
public struct TestEpisodeVideos {
    /// One recorded episode.
    public struct Result: Sendable {
        /// Its number, from 0 (`rl-video-episode-N`).
        public let index: Int
        /// Its return.
        public let returnValue: Double
        /// Its length in steps.
        public let length: Int
        /// Its video file.
        public let url: URL
    }

    /// Thrown when `shouldStop` ended the recording; unfinished videos are removed.
    public struct Interrupted: Error, CustomStringConvertible {
        /// A recording stopped by its caller.
        public init() {}
        /// What happened, in words.
        public var description: String { "interrupted while recording" }
    }

    package let network: any QFunction
    package let environment: EnvironmentID
    /// Episode i starts from the i-th reset of a generator with this seed.
    package let seed: UInt64
    package let settings: RecordingSettings
    package let folder: URL
    /// Asked at every step of every episode; true stops the recording.
    package var shouldStop: @Sendable () -> Bool = { false }
    /// Hears the encoder's warnings.
    package var warn: @Sendable (String) -> Void = { _ in }

    package init(
        network: any QFunction, environment: EnvironmentID, seed: UInt64, settings: RecordingSettings, folder: URL
    ) {
        self.network = network
        self.environment = environment
        self.seed = seed
        self.settings = settings
        self.folder = folder
    }

    package static func fileName(_ index: Int, format: String = "mp4") -> String {
        "rl-video-episode-\(index).\(format)"
    }

    /// Records every episode; `report` hears of each, in order, as it completes.
    ///
    /// Up to `settings.jobs` episodes are drawn and encoded at once, each on a thread of its own
    /// (`WorkerThreads`) with a one-thread encoder: that keeps every core busy where one multi-threaded
    /// encoder leaves part of the cores idle, and a file is the same whatever ran beside it. With one job
    /// (or one episode) the encoder runs its own threads.
    package func run(report: (Result) -> Void) throws -> [Result] {
        let starts = try startingPlayers()
        let (width, height) = (self.settings.width, self.settings.height)
        let jobs = max(1, min(starts.count, self.settings.jobs))
        var encoding = self.settings.video
        if jobs > 1 { encoding.threads = 1 }
        let settings = encoding
        let (showsHeadsUp, qStrip, folder, format) = (
            self.settings.showsHeadsUp, self.settings.qStrip, folder, encoding.container.rawValue
        )
        let (shouldStop, warn) = (self.shouldStop, self.warn)
        let outcomes = Mutex<[Swift.Result<Result, any Error>?]>(Array(repeating: nil, count: starts.count))
        let stop = Atomic<Bool>(false)
        let finished = DispatchSemaphore(value: 0)
        let stopped: @Sendable () -> Bool = { stop.load(ordering: .relaxed) }
        let workers = WorkerThreads.start(count: starts.count, threads: jobs, shouldStop: stopped) { index in
            let url = folder.appendingPathComponent(Self.fileName(index, format: format))
            let outcome = Swift.Result<Result, any Error> {
                var player = starts[index]
                let recorder = try EpisodeRecorder(
                    url: url, width: width, height: height, settings: settings, showsHeadsUp: showsHeadsUp,
                    qStrip: qStrip, qScale: qStrip ? Self.qScale(replaying: player) : nil, warn: warn)
                let played = try player.play { step in
                    if shouldStop() || stop.load(ordering: .relaxed) { throw Interrupted() }
                    let pose = CartPolePose(step.state)
                    try recorder.append(
                        pose,
                        headsUp: HeadsUp(
                            episode: index, step: step.step, returnSoFar: step.returnSoFar,
                            action: step.action, qValues: (step.qValues[0], step.qValues[1]),
                            ending: step.action == nil ? EpisodeEnding(finalState: step.state, steps: step.step) : nil,
                            streams: step.streams.map {
                                ($0.value, ($0.advantages[0], $0.advantages[1]))
                            }, distributions: step.distributions.map(ActionDistributions.init)))
                }
                try recorder.finish()
                return Result(index: index, returnValue: played.return, length: played.length, url: url)
            }
            outcomes.withLock { $0[index] = outcome }
            if case .failure = outcome { stop.store(true, ordering: .relaxed) }
            finished.signal()
        }
        // Report in order as they complete. On a failure the others stop (each removes its unfinished file);
        // the error that caused it is thrown rather than the stops it caused.
        var results: [Result] = []
        while results.count < starts.count && !stop.load(ordering: .relaxed) {
            finished.wait()
            while results.count < starts.count, case .success(let result)? = outcomes.withLock({ $0[results.count] }) {
                report(result)
                results.append(result)
            }
        }
        workers.wait()
        let failures = outcomes.withLock { $0 }.compactMap { outcome -> (any Error)? in
            if case .failure(let error)? = outcome { error } else { nil }
        }
        if let failure = failures.first(where: { !($0 is Interrupted) }) ?? failures.first { throw failure }
        return results
    }

    /// The time limit and the Q range of the episode `player` is about to play (played once more on a
    /// copy), for a Q-strip whose axes stay still.
    static func qScale(replaying player: GreedyPlayer) -> EpisodeRecorder.QScale {
        var copy = player
        var q: [Double] = []
        var advantages: [Double] = []
        _ = copy.play { step in
            q += [Double(step.qValues[0]), Double(step.qValues[1])]
            if let streams = step.streams {
                q.append(Double(streams.value))
                advantages += [Double(streams.advantages[0]), Double(streams.advantages[1])]
            }
            // A categorical network's strip shows its distributions' bands too.
            if let distributions = step.distributions.map(ActionDistributions.init) {
                q += (0..<2).flatMap { action in
                    QStrip.bandQuantiles.map { Double(distributions.quantile($0, of: action)) }
                }
            }
        }
        func range(_ values: [Double]) -> ClosedRange<Double>? {
            let finite = values.filter(\.isFinite)
            guard let low = finite.min(), let high = finite.max() else { return nil }
            return low...high
        }
        // Steps up to the time limit: every episode's strip has the same x axis.
        return EpisodeRecorder.QScale(
            steps: player.environment.maxEpisodeSteps, q: range(q) ?? 0...1,
            advantages: advantages.isEmpty ? nil : range(advantages) ?? 0...1)
    }

    /// The player as each episode starts: the episodes are played once here, in order (each one's start
    /// comes from the one generator, a millisecond each), so that any thread can replay one from its start.
    private func startingPlayers() throws -> [GreedyPlayer] {
        var player = try GreedyPlayer(network: network, environment: environment, seed: seed)
        return try (0..<settings.episodes).map { _ in
            if shouldStop() { throw Interrupted() }
            let start = player
            _ = player.play { _ in }
            return start
        }
    }
}

extension ActionDistributions {
    /// A categorical network's return distributions, as the heads-up display and the Q-strip draw them.
    init(_ distributions: ReturnDistributions) {
        self.init(
            bins: distributions.support, left: Array(distributions.action(0)), right: Array(distributions.action(1)))
    }
}
