import Agent
import CartPoleKit
import FileFormats
import Foundation
import TestSupport
import Testing

/// The training and recording options of the CLI are the settings the library describes, one option each.
@Suite struct TrainingOptionsTests {
    /// The options `command --help` lists under `title` (an on/off option by its first name).
    func listed(_ command: String, under title: String) throws -> [String] {
        let help = try cartpole(command, "--help")
        #expect(help.status == 0)
        let section = try #require(
            help.stdout.components(separatedBy: title).last?.components(separatedBy: "OPTIONS:").first)
        // An option's line starts two spaces in; its help's wrapped lines further (and may name options).
        return section.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  --") else { return nil }
            let words = line.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == " " || $0 == "/" })
            guard let first = words.first, first.hasPrefix("--") else { return nil }
            return String(first.dropFirst(2))
        }
    }

    /// The options that give `values`: `--name VALUE`, or `--name` / `--no-name` for an on/off setting.
    static func words<Root: SettingsRoot>(_ values: [String: String], of root: Root.Type) -> [String] {
        values.sorted { $0.key < $1.key }.flatMap { name, value -> [String] in
            let flag = (try? Root.setting(named: name))?.isFlag == true
            return flag ? [value == "true" ? "--\(name)" : "--no-\(name)"] : ["--\(name)", value]
        }
    }

    @Test func everySettingIsAnOptionAndNothingElse() throws {
        #expect(try listed("train", under: "TRAINING:") == ["preset"] + TrainingConfiguration.settings.map(\.name))
        let help = try cartpole("train", "--help")
        for setting in TrainingConfiguration.settings {
            #expect(help.stdout.contains(String(setting.help.prefix(20))), "\(setting.name)'s help")
        }
    }

    /// Each option sets its own setting: trainings with every setting changed (the categorical network's in
    /// one, the implicit quantile network's, which replaces it, in the other) record exactly them.
    @Test func eachOptionSetsItsSetting() throws {
        let common = [
            "env": "CartPole-v1", "frames": "120", "memory-size": "60", "batch-size": "8", "target-update": "7",
            "epsilon-decay": "0.01", "max-epsilon": "0.9", "min-epsilon": "0.2", "gamma": "0.95", "n-step": "2",
            "seed": "12", "hidden": "8", "lr": "0.002", "time-limit": "bootstrap", "eval-every": "60",
            "eval-episodes": "2", "checkpoint-every": "40", "double": "true", "reset": "every",
            "prioritized": "true", "alpha": "0.5", "beta": "0.4", "prior-eps": "0.001", "dueling": "true",
            "clip-grad-norm": "5.0", "noisy": "true", "sigma0": "0.4",
        ]
        let categorical = ["categorical": "true", "atoms": "11", "v-min": "-5.0", "v-max": "50.0"]
        let quantile = [
            "iqn": "true", "tau-samples": "3", "tau-prime-samples": "4", "quantile-samples": "5",
            "quantile-embedding-dim": "6", "kappa": "2.0",
        ]
        #expect(
            Set(common.keys).union(categorical.keys).union(quantile.keys)
                == Set(TrainingConfiguration.settings.map(\.name)), "the test covers every setting")
        for (index, distribution) in [categorical, quantile].enumerated() {
            let folder = try Fixtures.temporaryDirectory("every-option-\(index)")
            let values = common.merging(distribution) { $1 }
            let result = try runProcess(
                cartpoleBinary,
                ["train", "--out", folder.path] + Self.words(values, of: TrainingConfiguration.self))
            #expect(result.status == 0, "\(result.stderr)")
            let checkpoint = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
            #expect(checkpoint.training == (try TrainingConfiguration(settings: values)))
            let recorded = try verifiedManifest(folder).settings
            #expect(recorded.filter { values[$0.key] != nil } == values)
            #expect(
                recorded.filter { values[$0.key] == nil }
                    == TrainingConfiguration().settingValues.filter {
                        values[$0.key] == nil
                    }, "the others at their defaults")
        }
    }

    /// `--preset` trains as its chapter does, options beside it over its values; the manifest records them all.
    @Test func aPresetSetsItsChaptersSettings() throws {
        let folder = try Fixtures.temporaryDirectory("preset")
        let result = try cartpole(
            "train", "--preset", "double", "--frames", "300", "--hidden", "8", "--out", folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        let settings = try verifiedManifest(folder).settings
        #expect(settings["double"] == "true" && settings["memory-size"] == "10000" && settings["n-step"] == "1")
        #expect(settings["frames"] == "300" && settings["hidden"] == "8")
    }

    /// `--jobs` says how this machine encodes, not what the videos are: the one recording option that is
    /// no setting.
    @Test func everyRecordingSettingIsAnOption() throws {
        #expect(try listed("record", under: "RECORDING:") == RecordingSettings.settings.map(\.name) + ["jobs"])
    }

    /// Each recording option sets its own setting, and the manifest records it as the library writes it.
    @Test func eachRecordingOptionSetsItsSetting() throws {
        let folder = try Fixtures.temporaryDirectory("every-recording-option")
        let values = [
            "episodes": "1", "fps": "25", "size": "64x48", "crf": "30", "x264-preset": "ultrafast", "format": "webm",
            "encoder": "libvpx-vp9", "q-strip": "true", "hud": "false",
        ]
        #expect(Set(values.keys) == Set(RecordingSettings.settings.map(\.name)), "the test covers every setting")
        let words = Self.words(values, of: RecordingSettings.self)
        let result = try runProcess(
            cartpoleBinary, ["record", "--agent", VideoFormatTests.agent.path, "--out", folder.path] + words)
        #expect(result.status == 0, "\(result.stderr)")
        let recorded = try verifiedManifest(folder).settings
        #expect(values.allSatisfy { recorded[$0.key] == $0.value }, "\(recorded)")
        #expect(try RecordingSettings(settings: values).video.container == .webm)
        #expect(try probeVideo(folder.appendingPathComponent("rl-video-episode-0.webm")).codec == "vp9")
    }
}
