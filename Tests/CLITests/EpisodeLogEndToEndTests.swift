import Foundation
import TestSupport
import Testing

/// Other tools' episode logs: Stable-Baselines3's monitor.csv and a plain CSV of returns, plotted and
/// compared beside runs of ours.
@Suite struct EpisodeLogEndToEndTests {
    static func monitor(_ returns: [Int]) -> String {
        "#{\"t_start\": 1700000000.0, \"env_id\": \"CartPole-v0\"}\nr,l,t\n"
            + returns.enumerated().map { "\(Double($1)),\($1),\(Double($0) / 10)\n" }.joined()
    }

    @Test func aMonitorLogAndAReturnsCSVArePlottedWithTheirScoresOnly() throws {
        let folder = try Fixtures.temporaryDirectory("monitor-plot")
        let monitor = folder.appendingPathComponent("0.monitor.csv")
        try Data(Self.monitor([12, 30, 81, 150, 200, 200]).utf8).write(to: monitor)
        let result = try cartpole("plot", "--metrics", monitor.path, "--out", folder.appendingPathComponent("m").path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "is a Stable-Baselines3 monitor.csv: it has no loss or epsilon, so only the training returns are drawn")
        )
        let size = try pngSize(folder.appendingPathComponent("m/training.png"))
        #expect(size == (800, 500))
        let returns = folder.appendingPathComponent("returns.csv")
        try Data("step,episode_return\n10,10\n40,30\n90,50\n".utf8).write(to: returns)
        let refused = try cartpole("plot", "--metrics", returns.path, "--out", folder.path)
        #expect(
            refused.status != 0
                && refused.stderr.contains("name its column with --return-column (columns: step, episode_return)"),
            "\(refused.stderr)")
        let plotted = try cartpole(
            "plot", "--metrics", returns.path, "--return-column", "episode_return", "--size", "600x300", "--out",
            folder.path)
        #expect(plotted.status == 0, "\(plotted.stderr)")
        let other = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(other == (600, 300))
    }

    @Test func monitorLogsAndOurRunsAreComparedUnderTheirLabels() throws {
        let folder = try Fixtures.temporaryDirectory("labelled")
        let ours = folder.appendingPathComponent("ours")
        let theirs = folder.appendingPathComponent("theirs")
        for seed in ["1", "2"] {
            let trained = try cartpole(
                "train", "--frames", "600", "--hidden", "8", "--memory-size", "300", "--eval-every", "200",
                "--eval-episodes", "2", "--seed", seed, "--out", ours.appendingPathComponent("seed-\(seed)").path)
            #expect(trained.status == 0)
        }
        try FileManager.default.createDirectory(at: theirs, withIntermediateDirectories: true)
        try Data(Self.monitor([20, 40, 90, 200, 200, 200]).utf8).write(
            to: theirs.appendingPathComponent("a.monitor.csv"))
        try Data(Self.monitor([10, 15, 30, 60, 100, 190, 200]).utf8).write(
            to: theirs.appendingPathComponent("b.monitor.csv"))
        let out = folder.appendingPathComponent("out")
        let result = try cartpole(
            "compare", "--from", ours.path, "--label", "ours", "--from", theirs.path, "--label", "SB3",
            "--eval-every", "200", "--out", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("| ours | 2 |") && result.stdout.contains("| SB3 | 2 |"), "\(result.stdout)")
        #expect(result.stderr.contains("SB3: 2 episode log(s) of another tool have no evaluations"))
        let rows = try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8).split(
            separator: "\n")
        #expect(rows.count == 5 && rows.filter { $0.hasPrefix("SB3,") }.count == 2)
        // The first monitor log reaches 195 in the window ending at frame 400 (episodes of 200 end at 350 and 550).
        #expect(rows.contains { $0.hasPrefix("SB3,1,400,") }, "\(rows)")
        let size = try pngSize(out.appendingPathComponent("compare.png"))
        #expect(size == (1400, 900))
    }

    /// Plain CSVs of episode returns, compared under a label with --return-column.
    @Test func returnsCSVsAreComparedWithTheirColumn() throws {
        let folder = try Fixtures.temporaryDirectory("returns-compare")
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try Data("episode,ret,length\n0,100,100\n1,200,200\n2,200,200\n".utf8).write(
            to: logs.appendingPathComponent("run1.csv"))
        try Data("episode,ret,length\n0,50,50\n1,150,150\n2,180,180\n".utf8).write(
            to: logs.appendingPathComponent("run2.csv"))
        let out = folder.appendingPathComponent("out")
        let result = try cartpole(
            "compare", "--from", logs.path, "--label", "other tool", "--return-column", "ret",
            "--eval-every", "200", "--out", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        // Run 1: episodes end at frames 100, 300 and 500; windows of 200 end at 200 (100), 400 (200), 600 (200).
        let rows = try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8).split(
            separator: "\n")
        #expect(rows.contains { $0.hasPrefix("other tool,1,400,200.0,200.0,") }, "\(rows)")
        #expect(rows.count == 3)
    }

    /// A TensorBoard event file is plotted from its known return tag, or the one --return-column names.
    @Test func aTensorBoardEventFileIsPlotted() throws {
        let folder = try Fixtures.temporaryDirectory("tensorboard-plot")
        let fixtures = Fixtures.directory.appendingPathComponent("tensorboard")
        let file = try #require(files(in: fixtures).first { $0.hasPrefix("events.out.tfevents") })
        let events = fixtures.appendingPathComponent(file).path
        // CleanRL's tags hold its losses too: the figure has the loss panel.
        let plotted = try cartpole("plot", "--metrics", events, "--out", folder.appendingPathComponent("a").path)
        #expect(plotted.status == 0, "\(plotted.stderr)")
        #expect(!plotted.stderr.contains("it has no loss or epsilon"), "\(plotted.stderr)")
        #expect(try pngSize(folder.appendingPathComponent("a/training.png")) == (2000, 500))
        // Stable-Baselines3's moving mean alone: one panel, against its steps.
        let sb3 = Fixtures.directory.appendingPathComponent("sb3_logs/rollout/DQN_1")
        let sb3File = try #require(files(in: sb3).first { $0.hasPrefix("events.out.tfevents") })
        let rollout = try cartpole(
            "plot", "--metrics", sb3.appendingPathComponent(sb3File).path, "--out",
            folder.appendingPathComponent("r").path)
        #expect(rollout.status == 0, "\(rollout.stderr)")
        #expect(rollout.stderr.contains("is a TensorBoard event file: it has no loss or epsilon"))
        #expect(try pngSize(folder.appendingPathComponent("r/training.png")) == (800, 500))
        let tagged = try cartpole(
            "plot", "--metrics", events, "--return-column", "eval/mean_reward", "--out",
            folder.appendingPathComponent("b").path)
        #expect(tagged.status == 0, "\(tagged.stderr)")
        let unknown = try cartpole(
            "plot", "--metrics", events, "--return-column", "nope", "--out", folder.appendingPathComponent("c").path)
        #expect(
            unknown.status == 1 && unknown.stderr.contains("no scalars of tag 'nope' (tags: charts/episodic_return"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("c").path), "nothing written")
    }

    /// Event files of CleanRL's tags (TensorBoard's writer) and of Stable-Baselines3 (its own log of a DQN
    /// training) compared under their labels, each one run; a run folder's own event file is not a second run.
    /// The SB3 log is of CartPole-v1 (its returns pass 200), so ours is trained on v1 too and CleanRL's,
    /// which says nothing, is judged as they are.
    @Test func tensorBoardEventFilesAreCompared() throws {
        let folder = try Fixtures.temporaryDirectory("tensorboard-compare")
        let ours = folder.appendingPathComponent("ours")
        let trained = try cartpole(
            "train", "--env", "CartPole-v1", "--frames", "600", "--hidden", "8", "--memory-size", "300",
            "--eval-every", "200", "--eval-episodes", "2", "--out", ours.path)
        #expect(trained.status == 0)
        let out = folder.appendingPathComponent("out")
        let result = try cartpole(
            "compare", "--from", Fixtures.directory.appendingPathComponent("tensorboard").path, "--label", "CleanRL",
            "--from", Fixtures.directory.appendingPathComponent("agents/sb3_tensorboard").path, "--label", "SB3",
            "--from", ours.path, "--label", "ours", "--eval-every", "1000", "--out", out.path)
        #expect(result.status == 0, "\(result.stderr)")
        for label in ["CleanRL", "SB3", "ours"] {
            #expect(result.stdout.contains("| \(label) | 1 |"), "\(label): \(result.stdout)")
        }
        #expect(result.stderr.contains("rollout/ep_rew_mean"), "SB3's moving mean is named: \(result.stderr)")
        #expect(result.stdout.contains("runs reaching 475"), "judged in CartPole-v1: \(result.stdout)")
        let rows = try String(contentsOf: out.appendingPathComponent("compare.csv"), encoding: .utf8).split(
            separator: "\n")
        #expect(rows.filter { $0.hasPrefix("SB3,") }.count == 1 && rows.filter { $0.hasPrefix("CleanRL,") }.count == 1)
        #expect(try pngSize(out.appendingPathComponent("compare.png")) == (1400, 900))
    }
}
