import Agent
import Dispatch
import FileFormats
import Foundation
import Render
import Synchronization

/// training-progress.mp4 made while training runs, so that it shows the learning: the untrained agent, the
/// first snapshot whose evaluation reaches each quarter of the reward threshold (`ProgressSelection`), and
/// the final agent, one greedy episode each from the training seed's start, after a title card with its
/// frame and its own evaluation. Snapshots are evaluated (as the evaluations during training are: the
/// same episodes, the same seeds) and played on a thread of their own, in order, while training takes
/// the other core.
final class ProgressVideo: @unchecked Sendable {
    private let training: TrainingConfiguration
    private let evaluationEpisodes: Int
    private let titlePictures: Int
    private let shouldStop: @Sendable () -> Bool
    /// Every use of the four below is on this serial queue (unchecked Sendable for that reason).
    private let queue = DispatchQueue(label: "cartpole.progress")
    private var selection: ProgressSelection
    /// The frames played so far.
    private var played: [Int] = []
    /// The recorder while the video is under way, and the first failure, which ends it.
    private var recorder: SequenceRecorder?
    private var failure: (any Error)?
    /// Set by `cancel()`, so that the snapshots still queued are skipped.
    private let cancelled = Atomic<Bool>(false)

    init(
        url: URL, training: TrainingConfiguration, settings: RecordingSettings, warn: @escaping (String) -> Void,
        shouldStop: @escaping @Sendable () -> Bool
    ) throws {
        self.training = training
        evaluationEpisodes = training.evalEpisodes > 0 ? training.evalEpisodes : 10
        selection = ProgressSelection(threshold: training.environment.rewardThreshold)
        titlePictures = settings.video.fps
        self.shouldStop = shouldStop
        // One encoder thread: the training and the test episodes have the other cores.
        var video = settings.video
        video.threads = 1
        recorder = try SequenceRecorder(
            url: url, width: settings.width, height: settings.height, settings: video, warn: warn)
    }

    /// Evaluates `network`, the agent at `frame`, and plays it when it is one of the video's: the first
    /// one added, and the first to reach each quarter of the threshold.
    func add(frame: Int, network: QNetwork) {
        queue.async { [self] in
            guard !cancelled.load(ordering: .relaxed), recorder != nil, failure == nil,
                !selection.isDone || played.isEmpty
            else { return }
            perform {
                let mean = try evaluate(network)
                if played.isEmpty || selection.chooses(mean: mean) { try play(network, frame: frame, mean: mean) }
            }
        }
    }

    /// Plays the final agent when it was not played yet, waits for the video, and finishes it. Throws the
    /// failure that ended it (`TestEpisodeVideos.Interrupted` when stopped), and then nothing is left of it.
    func finish(final network: QNetwork, frame: Int) throws {
        try queue.sync {
            defer { recorder = nil }
            if failure == nil && played.last != frame {
                perform { try play(network, frame: frame, mean: try evaluate(network)) }
            }
            if let failure { throw failure }
            try recorder?.finish()
        }
    }

    /// Ends the video unfinished, once the episode under way is played: nothing is left of it, and nothing
    /// writes into its folder any more. Does nothing after `finish`.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        queue.sync { recorder = nil }
    }

    private func perform(_ body: () throws -> Void) {
        do { try body() } catch { failure = error }
    }

    /// The mean return of the evaluation the training makes (its episodes, its seeds).
    private func evaluate(_ network: QNetwork) throws -> Double {
        let episodes = try Evaluation.play(
            network, environment: training.environment, episodes: evaluationEpisodes,
            seed: training.seed &+ TrainingEvaluation.seedOffset)
        return Statistics.mean(episodes.map(\.returnValue))
    }

    private func play(_ network: QNetwork, frame: Int, mean: Double) throws {
        guard let recorder else { return }
        let checkpoint = Checkpoint(network: network, training: training, frames: frame, evaluationMean: mean)
        let agent = GridVideo.Player(name: "frame \(frame)", agent: TrainedAgent(checkpoint))
        let video = GridVideo(agents: [agent], environment: training.environment, seed: training.seed)
        try GridVideo.append(
            agent, try video.episodes()[0], to: recorder, lastFrame: training.frames, titlePictures: titlePictures,
            interrupted: shouldStop)
        played.append(frame)
    }
}

/// Which agents a progress video plays after the untrained one and before the final one: the first whose
/// evaluation mean reaches a quarter of the threshold, then half, three quarters and all of it (one agent
/// may reach several at once).
struct ProgressSelection {
    static let levels = [0.25, 0.5, 0.75, 1]
    let threshold: Double
    /// How many of `levels` have been reached.
    private(set) var reached = 0

    /// Whether an agent whose evaluation mean is `mean` is played: it reaches a level not reached before.
    mutating func chooses(mean: Double) -> Bool {
        let before = reached
        while reached < Self.levels.count && mean >= Self.levels[reached] * threshold { reached += 1 }
        return reached > before
    }

    var isDone: Bool { reached == Self.levels.count }
}
