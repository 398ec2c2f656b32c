import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// The training options of the CLI are the settings the library describes, one option each.
@Suite struct TrainingOptionsTests {
    @Test func everySettingIsAnOptionAndNothingElse() throws {
        let help = try cartpole("train", "--help")
        #expect(help.status == 0)
        let section = try #require(
            help.stdout.components(separatedBy: "TRAINING:").last?.components(separatedBy: "OPTIONS:").first)
        let listed = section.split(separator: "\n").compactMap { line -> String? in
            let words = line.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let first = words.first, first.hasPrefix("--") else { return nil }
            return String(first.dropFirst(2))
        }
        #expect(listed == TrainingConfiguration.settings.map(\.name))
        for setting in TrainingConfiguration.settings {
            #expect(help.stdout.contains(String(setting.help.prefix(20))), "\(setting.name)'s help")
        }
    }

    /// Each option sets its own setting: a training with every setting changed records exactly them.
    @Test func eachOptionSetsItsSetting() throws {
        let folder = try Fixtures.temporaryDirectory("every-option")
        let values = [
            "env": "CartPole-v1", "frames": "120", "memory-size": "60", "batch-size": "8", "target-update": "7",
            "epsilon-decay": "0.01", "max-epsilon": "0.9", "min-epsilon": "0.2", "gamma": "0.95", "n-step": "2",
            "seed": "12", "hidden": "8", "lr": "0.002", "time-limit": "bootstrap", "eval-every": "60",
            "eval-episodes": "2", "checkpoint-every": "40",
        ]
        #expect(Set(values.keys) == Set(TrainingConfiguration.settings.map(\.name)), "the test covers every setting")
        let result = try runProcess(
            cartpoleBinary,
            ["train", "--out", folder.path] + values.sorted { $0.key < $1.key }.flatMap { ["--\($0.key)", $0.value] })
        #expect(result.status == 0, "\(result.stderr)")
        let checkpoint = try Checkpoint.read(from: folder.appendingPathComponent("agent.safetensors"))
        #expect(checkpoint.training == (try TrainingConfiguration(settings: values)))
        #expect(try verifiedManifest(folder).settings == values)
    }
}
