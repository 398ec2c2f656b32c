import Foundation
import TestSupport
import Testing

@testable import Agent
@testable import FileFormats

/// Adding a setting is one description and one field, and what was written before it still reads: a
/// record from before the setting existed reads as its default, one that should hold it and does not is
/// damaged. Shown on a fixture of two settings, the second an on/off setting added later.
@Suite struct SettingsRecordTests {
    struct Fixture: SettingsRoot, Equatable {
        var width = 8
        var shuffled = false
        static let settings = SettingsRecordTests.after
        static let settingsNoun = "fixture"
    }

    static let before: [Setting<Fixture>] = [.count("width", \.width, 1...64, label: "width", help: "Cells.")]
    static let after =
        before + [.flag("shuffled", \.shuffled, label: "shuffled", help: "Shuffle the cells.", introduced: 2)]

    func read(_ values: [String: String], settings: [Setting<Fixture>]) throws(AgentError) -> Fixture {
        var fixture = Fixture()
        for (name, text) in values {
            guard let setting = settings.first(where: { $0.name == name }) else {
                throw AgentError.invalidValue("unknown \(name)")
            }
            try setting.set(text, in: &fixture)
        }
        return fixture
    }

    @Test func aSettingAddedLaterReadsAsItsDefaultFromOlderRecords() throws {
        #expect(SettingsRecord.version(of: Self.before) == 1 && SettingsRecord.version(of: Self.after) == 2)
        // Written before `shuffled` existed: version 1, width only.
        let old = ["width": "16"]
        #expect(SettingsRecord.lacking(old.keys, in: Self.after, version: 1).isEmpty)
        #expect(try read(old, settings: Self.after) == Fixture(width: 16, shuffled: false))
        // Written after: a record of version 2 without it is damaged; with it, it reads.
        #expect(SettingsRecord.lacking(old.keys, in: Self.after, version: 2).map(\.name) == ["shuffled"])
        #expect(
            try read(["width": "16", "shuffled": "true"], settings: Self.after) == Fixture(width: 16, shuffled: true))
        #expect(SettingsRecord.lacking(["shuffled"], in: Self.after, version: 2).map(\.name) == ["width"])
    }

    @Test func anOnOffSettingIsWrittenAndCheckedAsABoolean() throws {
        let flag = Self.after[1]
        #expect(flag.isFlag && !Self.after[0].isFlag)
        #expect(flag.defaultValue == .boolean(false) && flag.value(in: Fixture(shuffled: true)).text == "true")
        var fixture = Fixture()
        #expect(throws: AgentError.self) { try flag.set("yes", in: &fixture) }
        do { try flag.set("yes", in: &fixture) } catch {
            #expect("\(error)".contains("takes true or false (got 'yes')"), "\(error)")
        }
        let json = try JSONEncoder().encode(["shuffled": flag.value(in: Fixture(shuffled: true))])
        #expect(String(decoding: json, as: UTF8.self) == #"{"shuffled":true}"#)
    }

    /// The real settings: a checkpoint records the settings version, and one without it (written before the
    /// key existed) reads as version 1.
    @Test func checkpointsRecordTheirSettingsVersion() throws {
        var generator = SplitMix64(seed: 1)
        let training = TrainingConfiguration()
        let checkpoint = Checkpoint(
            network: QNetwork(hidden: training.hidden, using: &generator), training: training, frames: 10)
        #expect(
            checkpoint.metadata["settings_version"] == "\(SettingsRecord.version(of: TrainingConfiguration.settings))")
        var older = checkpoint.metadata
        older["settings_version"] = nil
        let bytes = SafetensorsFile.encode(metadata: older, tensors: checkpoint.tensors)
        #expect(try Checkpoint.decode(bytes).training == training)
        var damaged = checkpoint.metadata
        damaged["settings_version"] = "0"
        #expect(throws: (any Error).self) {
            try Checkpoint.decode(SafetensorsFile.encode(metadata: damaged, tensors: checkpoint.tensors))
        }
    }

    /// Every settings version a build has written reads: a checkpoint of version v holds the settings
    /// introduced up to v (version 2 added `double`, 3 `reset`), and reads the later ones as their defaults.
    @Test func everyEarlierSettingsVersionReads() throws {
        var generator = SplitMix64(seed: 2)
        var training = TrainingConfiguration()
        (training.double, training.reset, training.frames) = (true, .every, 500)
        let checkpoint = Checkpoint(
            network: QNetwork(hidden: training.hidden, using: &generator), training: training, frames: 10)
        let current = SettingsRecord.version(of: TrainingConfiguration.settings)
        #expect(current >= 3)
        for version in 1...current {
            var metadata = checkpoint.metadata
            metadata["settings_version"] = "\(version)"
            let later = TrainingConfiguration.settings.filter { $0.introduced > version }
            for setting in later { metadata["training." + setting.key] = nil }
            let read = try Checkpoint.decode(SafetensorsFile.encode(metadata: metadata, tensors: checkpoint.tensors))
            for setting in TrainingConfiguration.settings {
                let expected = setting.introduced > version ? setting.defaultValue : setting.value(in: training)
                let got = try #require(read.training, "version \(version)")
                #expect(setting.value(in: got) == expected, "version \(version): \(setting.name)")
            }
        }
    }

    /// A checkpoint an earlier build wrote reads with the settings it records and the later ones'
    /// defaults (Tests/Fixtures/history).
    @Test func aVersionTwoCheckpointOfAnEarlierBuildReads() throws {
        let url = Fixtures.directory.appendingPathComponent("history/settings_v2.safetensors")
        let written = try SafetensorsFile(Data(contentsOf: url)).metadata ?? [:]
        #expect(written["settings_version"] == "2" && written["training.double"] == "true")
        #expect(written["training.reset"] == nil)
        let checkpoint = try Checkpoint.read(from: url)
        let training = try #require(checkpoint.training)
        #expect(training.double && training.memorySize == 10000 && training.nStep == 1, "the double preset")
        #expect(training.reset == .first, "written before reset existed: its default")
    }

    @Test func aVersionFiveCheckpointOfAnEarlierBuildReads() throws {
        let url = Fixtures.directory.appendingPathComponent("history/settings_v5.safetensors")
        let written = try SafetensorsFile(Data(contentsOf: url)).metadata ?? [:]
        #expect(written["settings_version"] == "5" && written["training.dueling"] == "true")
        #expect(written["training.noisy"] == nil)
        let checkpoint = try Checkpoint.read(from: url)
        let training = try #require(checkpoint.training)
        #expect(training.dueling && training.clipGradNorm == 10 && training.hidden == 8, "the dueling preset")
        #expect(!training.noisy && training.sigma0 == 0.5, "written before noisy existed: its defaults")
        #expect(checkpoint.network.dueling && !checkpoint.network.noisy)
    }

    @Test func aVersionSixCheckpointOfAnEarlierBuildReads() throws {
        let url = Fixtures.directory.appendingPathComponent("history/settings_v6.safetensors")
        let written = try SafetensorsFile(Data(contentsOf: url)).metadata ?? [:]
        #expect(written["settings_version"] == "6" && written["training.noisy"] == "true")
        #expect(written["training.categorical"] == nil)
        let checkpoint = try Checkpoint.read(from: url)
        let training = try #require(checkpoint.training)
        #expect(training.noisy && training.sigma0 == 0.5 && training.maxEpsilon == 0, "the noisy preset")
        #expect(checkpoint.network.noisy && !checkpoint.network.dueling)
    }

    @Test func aVersionFourCheckpointOfAnEarlierBuildReads() throws {
        let url = Fixtures.directory.appendingPathComponent("history/settings_v4.safetensors")
        let written = try SafetensorsFile(Data(contentsOf: url)).metadata ?? [:]
        #expect(written["settings_version"] == "4" && written["training.prioritized"] == "true")
        #expect(written["training.dueling"] == nil)
        let checkpoint = try Checkpoint.read(from: url)
        let training = try #require(checkpoint.training)
        #expect(training.prioritized && training.targetUpdate == 150 && training.hidden == 8, "the per preset")
        #expect(!training.dueling && training.clipGradNorm == 0, "written before dueling existed: its defaults")
        #expect(!checkpoint.network.dueling)
    }

    @Test func aVersionThreeCheckpointOfAnEarlierBuildReads() throws {
        let url = Fixtures.directory.appendingPathComponent("history/settings_v3.safetensors")
        let written = try SafetensorsFile(Data(contentsOf: url)).metadata ?? [:]
        #expect(written["settings_version"] == "3" && written["training.reset"] == "every")
        #expect(written["training.prioritized"] == nil)
        let checkpoint = try Checkpoint.read(from: url)
        let training = try #require(checkpoint.training)
        #expect(training.double && training.reset == .every && training.hidden == 8, "the double preset, as written")
        #expect(
            !training.prioritized && training.alpha == 0.2, "written before prioritized replay existed: its defaults")
    }
}
