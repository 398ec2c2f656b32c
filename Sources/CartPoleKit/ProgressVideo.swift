import Agent
import Dispatch
import Foundation
import Render

/// training-progress.mp4 made while training runs: each checkpoint of `frames`, as the training writes it,
/// is played and appended on a thread of its own (training takes one core), so that the video is done
/// about when the training is. The same video as `GridVideo.writeSequence` of those checkpoints.
final class ProgressVideo: @unchecked Sendable {
    let url: URL
    /// The checkpoints' frames the video plays, and the training's last frame (for "frame F of LAST").
    let frames: Set<Int>
    let lastFrame: Int
    private let environment: EnvironmentID
    private let seed: UInt64
    private let titlePictures: Int
    private let shouldStop: @Sendable () -> Bool
    /// Every use of the two below is on this serial queue (unchecked Sendable for that reason).
    private let queue = DispatchQueue(label: "cartpole.progress")
    /// The recorder while the video is under way, and the first failure, which ends it.
    private var recorder: SequenceRecorder?
    private var failure: (any Error)?

    init(
        url: URL, frames: [Int], lastFrame: Int, environment: EnvironmentID, seed: UInt64,
        settings: RecordingSettings, warn: @escaping (String) -> Void, shouldStop: @escaping @Sendable () -> Bool
    ) throws {
        self.url = url
        self.frames = Set(frames)
        self.lastFrame = lastFrame
        self.environment = environment
        self.seed = seed
        titlePictures = settings.video.fps
        self.shouldStop = shouldStop
        // One encoder thread: the training and the test episodes have the other cores.
        var video = settings.video
        video.threads = 1
        recorder = try SequenceRecorder(
            url: url, width: settings.width, height: settings.height, settings: video, warn: warn)
    }

    /// Plays and appends `checkpoint` when it is one of the video's, after those added before it.
    func add(_ checkpoint: Checkpoint) {
        guard frames.contains(checkpoint.frames) else { return }
        let agent = GridVideo.Player(name: "frame \(checkpoint.frames)", agent: TrainedAgent(checkpoint))
        queue.async { [self] in
            guard let recorder, failure == nil else { return }
            do {
                let video = GridVideo(agents: [agent], environment: environment, seed: seed)
                try GridVideo.append(
                    agent, try video.episodes()[0], to: recorder, lastFrame: lastFrame, titlePictures: titlePictures,
                    interrupted: shouldStop)
            } catch {
                failure = error
            }
        }
    }

    /// Waits for the checkpoints added, then finishes the video. Throws the failure that ended it
    /// (`TestEpisodeVideos.Interrupted` when stopped), and then nothing is left of it.
    func finish() throws {
        try queue.sync {
            defer { recorder = nil }
            if let failure { throw failure }
            try recorder?.finish()
        }
    }

    /// Ends the video unfinished: nothing is left of it.
    func cancel() {
        queue.sync { recorder = nil }
    }
}
