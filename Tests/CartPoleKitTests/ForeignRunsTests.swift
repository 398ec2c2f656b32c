import Agent
import CartPoleKit
import FileFormats
import Foundation
import TestSupport
import Testing

/// Other trainers' logs as compare counts them: one training is one run, judged in the environment its
/// files name (Tests/Fixtures/sb3_logs: what Stable-Baselines3 writes, with TensorBoard's reading of it).
@Suite struct ForeignRunsTests {
    static let logs = Fixtures.directory.appendingPathComponent("sb3_logs")

    /// Each training of the fixture is one run, of CartPole-v1 as its monitor.csv says; an event file's
    /// eval/mean_reward are its evaluations as TensorBoard reads them, and without them the monitor is read.
    @Test func eachStableBaselinesTrainingIsOneRunOfItsEnvironment() throws {
        let fixture = try Fixtures.json("sb3_logs/logs.json")
        let names = try fixture.keys
        #expect(!names.isEmpty)
        for name in names {
            let expected = try fixture[name]
            var notes: [String] = []
            let found = try RunDiscovery.runs(
                in: Self.logs.appendingPathComponent(name), label: name, window: 1000, note: { notes.append($0) })
            #expect(found.count == 1, "\(name): \(notes)")
            let run = try #require(found.first)
            #expect(run.environment?.rawValue == (try expected["env_id"].string))
            let evaluations = try expected["eval_mean_reward"].array
            if evaluations.isEmpty {
                #expect(notes.contains { $0.contains("its monitor.csv is read") }, "\(notes)")
                #expect(run.run.points.map(\.returns.count).reduce(0, +) == (try expected["episodes"].int))
            } else {
                #expect(notes.contains { $0.contains("its eval/mean_reward is read") }, "\(notes)")
                #expect(run.run.points.map(\.frame) == (try evaluations.map { try $0[0].int }))
                #expect(run.run.points.map(\.meanReturn) == (try evaluations.map { try $0[1].double }))
            }
        }
        let both = try RunDiscovery.runs(in: Self.logs, label: "SB3", window: 1000, note: { _ in })
        #expect(both.count == names.count)
    }

    /// A compare of logs of one environment is judged against its threshold; mixing environments, or asking
    /// for another, is refused, naming what each variant holds.
    @Test func environmentsAreTakenFromTheLogsAndNeverMixed() throws {
        let folder = try Fixtures.temporaryDirectory("foreign-environments")
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let v1 = try CompareWorkflow.compare(
            [(Self.logs, "SB3")], returnColumn: nil, window: 1000, environment: nil, into: out, note: { _ in })
        #expect(v1.environment == .v1 && v1.comparison.threshold == 475)

        let v0 = folder.appendingPathComponent("v0")
        try FileManager.default.createDirectory(at: v0, withIntermediateDirectories: true)
        try Data("#{\"t_start\": 1, \"env_id\": \"CartPole-v0\"}\nr,l,t\n10,10,1\n200,200,2\n".utf8).write(
            to: v0.appendingPathComponent("monitor.csv"))
        #expect {
            try CompareWorkflow.compare(
                [(Self.logs, "SB3"), (v0, "old")], returnColumn: nil, window: 1000, environment: nil, into: out,
                note: { _ in })
        } throws: { error in
            "\(error)".contains(
                "the runs are of more than one environment (SB3: 2 of CartPole-v1; old: 1 of CartPole-v0)")
        }
        #expect {
            try CompareWorkflow.compare(
                [(Self.logs, "SB3")], returnColumn: nil, window: 1000, environment: .v0, into: out, note: { _ in })
        } throws: { error in
            "\(error)".contains("CartPole-v0 was given, but the runs are of CartPole-v1")
        }
        // A log that names no environment is judged as the others are, and said so.
        let plain = folder.appendingPathComponent("plain")
        try FileManager.default.createDirectory(at: plain, withIntermediateDirectories: true)
        try Data("#{\"t_start\": 1}\nr,l,t\n10,10,1\n".utf8).write(to: plain.appendingPathComponent("monitor.csv"))
        var notes: [String] = []
        let judged = try CompareWorkflow.compare(
            [(Self.logs, "SB3"), (plain, "plain")], returnColumn: nil, window: 1000, environment: nil, into: out,
            note: { notes.append($0.description) })
        #expect(judged.environment == .v1)
        #expect(
            notes.contains(
                "note: 1 of 3 run(s) do not say which environment they were made in; they are judged as CartPole-v1, as the others are"
            ), "\(notes)")
    }

    /// CleanRL's run folders and the RL Zoo's log folders name their environment; other names do not.
    @Test func folderNamesGiveEnvironmentsAsTrainersWriteThem() throws {
        let cases: [(String, String?)] = [
            ("CartPole-v1__dqn__1__1700000000", "CartPole-v1"), ("Acrobot-v1__dqn__7__1700000000", "Acrobot-v1"),
            ("CartPole-v1_3", "CartPole-v1"), ("CartPole-v0", "CartPole-v0"), ("results-v2", nil), ("runs", nil),
            ("x__y__1__2", nil), ("CartPole-v1__dqn__one__2", nil), ("CartPole-v2_1", nil), ("CartPole-v1_", nil),
        ]
        for (name, id) in cases { #expect(LoggedEnvironment.folderName(name) == id, "\(name)") }

        let folder = try Fixtures.temporaryDirectory("cleanrl-names")
        let event = try #require(
            try FileManager.default.contentsOfDirectory(
                at: Fixtures.directory.appendingPathComponent("tensorboard"), includingPropertiesForKeys: nil
            ).first { EpisodeLog.isEventFile($0.lastPathComponent) })
        for run in ["CartPole-v1__dqn__1__1700000000", "Acrobot-v1__dqn__1__1700000000"] {
            let runs = folder.appendingPathComponent(run)
            try FileManager.default.createDirectory(at: runs, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: event, to: runs.appendingPathComponent(event.lastPathComponent))
        }
        let log = try EpisodeLog.read(
            from: folder.appendingPathComponent("CartPole-v1__dqn__1__1700000000/\(event.lastPathComponent)"))
        #expect(log.environment == .v1 && log.environmentSource == "its folder 'CartPole-v1__dqn__1__1700000000'")
        #expect {
            try EpisodeLog.read(
                from: folder.appendingPathComponent("Acrobot-v1__dqn__1__1700000000/\(event.lastPathComponent)"))
        } throws: { error in
            "\(error)".contains(
                "its folder 'Acrobot-v1__dqn__1__1700000000' says it is a log of 'Acrobot-v1', not of CartPole-v0 or CartPole-v1"
            )
        }
        // The Zoo's log names nothing, but its returns pass 200: CartPole-v1's.
        let zoo = Fixtures.directory.appendingPathComponent("agents/sb3_tensorboard/DQN_1")
        let zooFile = try #require(
            try FileManager.default.contentsOfDirectory(atPath: zoo.path).first { EpisodeLog.isEventFile($0) })
        let zooLog = try EpisodeLog.read(from: zoo.appendingPathComponent(zooFile))
        #expect(zooLog.environment == .v1 && zooLog.environmentSource?.contains("its returns") == true)
        let acrobot = folder.appendingPathComponent("acrobot.monitor.csv")
        try Data("#{\"t_start\": 1, \"env_id\": \"Acrobot-v1\"}\nr,l,t\n-500,500,1\n".utf8).write(to: acrobot)
        #expect {
            try EpisodeLog.read(from: acrobot)
        } throws: { error in
            "\(error)".contains("its first line says it is a log of 'Acrobot-v1'")
        }
    }

    /// A folder given as input yields only what lies inside it: a symlink to a file or folder outside it,
    /// and a FIFO (which would block a reader), are passed over.
    @Test func symlinksAndFIFOsInAFolderAreNotRead() throws {
        let folder = try Fixtures.temporaryDirectory("planted-links")
        let inside = folder.appendingPathComponent("runs/real")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        try Data("#{\"t_start\": 1}\nr,l,t\n10,10,1\n".utf8).write(to: inside.appendingPathComponent("monitor.csv"))
        let runs = folder.appendingPathComponent("runs")
        try FileManager.default.createSymbolicLink(
            at: runs.appendingPathComponent("x.monitor.csv"), withDestinationURL: URL(fileURLWithPath: "/etc/passwd"))
        try FileManager.default.createSymbolicLink(
            at: runs.appendingPathComponent("elsewhere"), withDestinationURL: Self.logs)
        #expect(mkfifo(runs.appendingPathComponent("fifo.monitor.csv").path, 0o600) == 0)
        let found = try RunDiscovery.runs(in: runs, label: "x", window: 1000, note: { _ in })
        #expect(found.count == 1, "the real monitor.csv alone")
    }
}
