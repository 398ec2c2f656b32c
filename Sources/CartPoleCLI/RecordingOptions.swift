import ArgumentParser
import CartPoleKit
import Foundation

/// How test episodes are played and encoded; shared by `record` and `run`. One option per
/// `RecordingSettings.settings`, named, explained and checked by that description (a test holds the two
/// lists equal), and `--jobs`, which is how this machine works rather than a setting of the videos.
struct RecordingOptions: ParsableArguments {
    @Option(parsing: .unconditional, help: settingHelp(RecordingSettings.self, "episodes")) var episodes: String?
    @Option(parsing: .unconditional, help: settingHelp(RecordingSettings.self, "fps")) var fps: String?
    @Option(help: settingHelp(RecordingSettings.self, "size")) var size: String?
    @Option(parsing: .unconditional, help: settingHelp(RecordingSettings.self, "crf")) var crf: String?
    @Option(help: settingHelp(RecordingSettings.self, "x264-preset")) var x264Preset: String?
    @Option(help: settingHelp(RecordingSettings.self, "format")) var format: String?
    @Option(help: settingHelp(RecordingSettings.self, "encoder")) var encoder: String?
    @Flag(inversion: .prefixedNo, help: settingHelp(RecordingSettings.self, "q-strip")) var qStrip: Bool?
    @Flag(inversion: .prefixedNo, help: settingHelp(RecordingSettings.self, "hud")) var hud: Bool?
    @Option(
        parsing: .unconditional,
        help:
            "Episodes drawn and encoded at once, each with a one-thread encoder (default: one more than the cores); 1 encodes one at a time with the encoder's own threads."
    )
    var jobs: Int?

    /// The settings these options describe, each value checked on its own.
    var settings: RecordingSettings {
        get throws {
            var settings: RecordingSettings
            do { settings = try RecordingSettings(settings: TrainingOptions.given(in: self)) } catch {
                throw ValidationError(error.worded(optionName))
            }
            if let jobs { settings.jobs = jobs }
            return settings
        }
    }

    func validate() throws { _ = try settings }
}
