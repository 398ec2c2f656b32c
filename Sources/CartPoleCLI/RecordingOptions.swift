import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles
import Render

/// How test episodes are played and encoded; shared by `record` and `run`.
struct RecordingOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: "Greedy test episodes to record.")
    var episodes = 3
    @Option(parsing: .unconditional, help: "Frames per second of the videos (CartPole's render_fps is 50).")
    var fps = 50
    @Option(help: "Video size as WIDTHxHEIGHT, both even; the 600x400 scene is scaled to fit.")
    var size = "600x400"
    @Option(parsing: .unconditional, help: "libx264 constant rate factor, 0 (lossless) to 51.")
    var crf = 23
    @Option(help: "libx264 preset: \(VideoSettings.presets.joined(separator: ", ")).")
    var preset = "veryfast"
    @Option(help: "Video format: mp4 (H.264), webm (VP9) or gif.")
    var format = "mp4"
    @Option(
        help:
            "A libavcodec video encoder to use instead of the format's default (libx264, libvpx-vp9), e.g. a hardware one."
    )
    var encoder: String?
    @Flag(
        name: .customLong("q-strip"),
        help: "Plot Q(left) and Q(right) over the steps so far in a strip under the scene, the chosen action marked.")
    var qStrip = false
    @Option(
        parsing: .unconditional,
        help:
            "Episodes drawn and encoded at once, each with a one-thread encoder (default: one more than the cores); 1 encodes one at a time with the encoder's own threads."
    )
    var jobs: Int?
    @Flag(
        name: .customLong("no-hud"), help: "Leave out the heads-up display (episode, step, return, action, Q-values).")
    var noHUD = false

    var settings: VideoSettings {
        VideoSettings(
            fps: fps, crf: crf, preset: preset, container: VideoSettings.Container(rawValue: format) ?? .mp4,
            encoder: encoder)
    }

    /// These options as a recording takes them. The videos encoded at once are as many as `--jobs` (default:
    /// one more than the cores) and the machine's memory allow; fewer are said so.
    func recordingSettings() throws -> RecordingSettings {
        var result = RecordingSettings()
        (result.width, result.height) = try dimensions
        result.episodes = episodes
        result.video = settings
        result.showsHeadsUp = !noHUD
        result.qStrip = qStrip
        let wanted = min(episodes, jobs ?? ProcessInfo.processInfo.activeProcessorCount + 1)
        result.jobs = try AvailableRAM.recordingJobs(width: result.width, height: result.height, wanted: wanted)
        if result.jobs < wanted {
            Console.message(
                "note: recording \(result.jobs) episode(s) at once instead of \(wanted), to fit the machine's memory at "
                    + "\(result.width)x\(result.height)")
        }
        return result
    }

    /// Every option with its value, by name, as a manifest records them.
    var optionValues: [String: String] {
        [
            "episodes": "\(episodes)", "fps": "\(fps)", "size": size, "crf": "\(crf)", "preset": preset,
            "format": format,
            "encoder": encoder ?? "", "q-strip": "\(qStrip)", "hud": "\(!noHUD)",
        ]
    }

    /// The parsed `--size`.
    var dimensions: (width: Int, height: Int) {
        get throws {
            let parsed = try SizeOption(size, example: "600x400", widths: 16...7680, heights: 16...4320, even: true)
            return (parsed.width, parsed.height)
        }
    }

    func validate() throws {
        guard (1...10000).contains(episodes) else {
            throw ValidationError("--episodes must be between 1 and 10000 (got \(episodes))")
        }
        if let jobs {
            guard (1...1024).contains(jobs) else {
                throw ValidationError("--jobs must be between 1 and 1024 (got \(jobs))")
            }
        }
        guard (1...240).contains(fps) else { throw ValidationError("--fps must be between 1 and 240 (got \(fps))") }
        guard (0...51).contains(crf) else { throw ValidationError("--crf must be between 0 and 51 (got \(crf))") }
        guard VideoSettings.presets.contains(preset) else {
            throw ValidationError(
                "unknown --preset '\(preset)'; use one of \(VideoSettings.presets.joined(separator: ", "))")
        }
        guard VideoSettings.Container(rawValue: format) != nil else {
            throw ValidationError(
                "unknown --format '\(format)'; use one of \(VideoSettings.Container.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if let encoder, let container = VideoSettings.Container(rawValue: format),
            !VideoEncoder.quietly({ VideoEncoder.opens(encoder, container: container) })
        {
            let usable = try VideoEncoder.usableEncoders(container: container)
            throw ValidationError(
                "--encoder \(MessageText.shown(encoder)) cannot encode --format \(format) here; "
                    + "encoders that can: \(usable.joined(separator: ", "))")
        }
        let (width, height) = try dimensions
        _ = try AvailableRAM.recordingJobs(width: width, height: height, wanted: 1)
    }
}
