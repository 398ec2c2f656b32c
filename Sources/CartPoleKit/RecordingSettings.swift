import Agent
import Foundation
import OutputFiles
import Render

/// How test episodes are played and encoded; `settings` describes each setting but `jobs`, which says
/// how this machine works, not what the videos are.
public struct RecordingSettings: SettingsRoot, Equatable {
    /// Greedy test episodes to record.
    public var episodes = 3
    /// The video's size in pixels; the 600x400 scene is scaled to fit.
    public var size = VideoSize(width: 600, height: 400)
    /// Container, encoder, frame rate, quality and speed.
    public var video = VideoSettings()
    /// The heads-up display (episode, step, return, action, Q-values).
    public var showsHeadsUp = true
    /// Q(left) and Q(right) over the steps so far in a strip under the scene.
    public var qStrip = false
    /// Episodes drawn and encoded at once, each by a one-thread encoder; 1 lets the encoder use its own threads.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount + 1

    /// The defaults: three episodes at 600x400 in H.264, with the heads-up display.
    public init() {}

    /// The video's width in pixels.
    public var width: Int {
        get { size.width }
        set { size.width = newValue }
    }
    /// The video's height in pixels.
    public var height: Int {
        get { size.height }
        set { size.height = newValue }
    }

    /// The encoder to use instead of the format's default; empty for the default.
    public var encoderName: String {
        get { video.encoder ?? "" }
        set { video.encoder = newValue.isEmpty ? nil : newValue }
    }

    /// What messages call these settings.
    public static let settingsNoun = "recording"

    /// Each setting, once, in the order options list them.
    public static let settings: [Setting<RecordingSettings>] = [
        .count("episodes", \.episodes, 1...10000, label: "test episodes", help: "Greedy test episodes to record."),
        .count(
            "fps", \.video.fps, 1...240, label: "frames per second",
            help: "Frames per second of the videos (CartPole's render_fps is 50)."),
        .parsed(
            "size", \.size, format: VideoSize.format, label: "video size",
            help: "Video size as WIDTHxHEIGHT, both even; the 600x400 scene is scaled to fit."),
        .count("crf", \.video.crf, 0...51, label: "CRF", help: "libx264 constant rate factor, 0 (lossless) to 51."),
        .text(
            "x264-preset", \.video.preset, choices: VideoSettings.presets, label: "x264 preset",
            help: "libx264 preset: \(VideoSettings.presets.joined(separator: ", "))."),
        .choice(
            "format", \.video.container, label: "video format", help: "Video format: mp4 (H.264), webm (VP9) or gif."),
        .text(
            "encoder", \.encoderName, label: "encoder",
            help:
                "A libavcodec video encoder to use instead of the format's default (libx264, libvpx-vp9), e.g. a hardware one."
        ),
        .flag(
            "q-strip", \.qStrip, label: "Q-strip",
            help:
                "Plot Q(left) and Q(right) over the steps so far in a strip under the scene, the chosen action marked."),
        .flag(
            "hud", \.showsHeadsUp, label: "heads-up display",
            help: "Draw the heads-up display (episode, step, return, action, Q-values)."),
    ]

    /// Refuses what no value checks on its own: an encoder that cannot encode the format here, a size at
    /// which even one video does not fit the machine's memory, `jobs` outside 1 to 1024.
    public func validate() throws(JobError) {
        guard (1...1024).contains(jobs) else {
            throw .value(setting: "jobs", problem: "must be between 1 and 1024 (got \(jobs))")
        }
        if let encoder = video.encoder,
            !VideoEncoder.quietly({ VideoEncoder.opens(encoder, container: video.container) })
        {
            let usable = (try? VideoEncoder.usableEncoders(container: video.container)) ?? []
            throw .value(
                setting: "encoder",
                problem: "\(MessageText.shown(encoder)) cannot encode \(video.container.rawValue) video here; "
                    + "encoders that can: \(usable.joined(separator: ", "))")
        }
        _ = try MemoryCheck.recordingJobs(width: width, height: height, wanted: 1)
    }

    /// These settings with `jobs` lowered to the videos the machine's memory lets be encoded at once
    /// (at most `episodes`), and a note when that is fewer than asked.
    package func fittingMemory() throws(JobError) -> (settings: RecordingSettings, note: String?) {
        var result = self
        let wanted = min(episodes, jobs)
        result.jobs = try MemoryCheck.recordingJobs(width: width, height: height, wanted: wanted)
        guard result.jobs < wanted else { return (result, nil) }
        return (
            result,
            "note: recording \(result.jobs) episode(s) at once instead of \(wanted), to fit the machine's memory at "
                + "\(width)x\(height)"
        )
    }
}

/// A video's size in pixels, written WIDTHxHEIGHT: both even (yuv420p), 16x16 to 7680x4320.
public struct VideoSize: LosslessStringConvertible, Sendable, Equatable {
    /// Pixels across.
    public var width: Int
    /// Pixels down.
    public var height: Int

    static let format = "WIDTHxHEIGHT, both even, from 16x16 to 7680x4320"

    /// A size of `width` x `height` pixels (not checked).
    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
    }

    /// The size `text` writes, or nil when it is not WIDTHxHEIGHT, both even, in range.
    public init?(_ text: String) {
        let parts = text.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]), (16...7680).contains(width),
            (16...4320).contains(height), width % 2 == 0, height % 2 == 0
        else { return nil }
        self.init(width: width, height: height)
    }

    /// WIDTHxHEIGHT.
    public var description: String { "\(width)x\(height)" }
}
