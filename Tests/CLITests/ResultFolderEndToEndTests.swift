import Foundation
import OutputFiles
import TestSupport
import Testing

/// A result folder is one run of one command: whole or untouched, never mixed with another run or command,
/// whatever happens to the command (a second writer, a failed write, Ctrl-C, SIGKILL).
@Suite struct ResultFolderEndToEndTests {
    static let small = [
        "--frames", "400", "--hidden", "8", "--memory-size", "200", "--eval-every", "100", "--eval-episodes", "2",
    ]
    static let recording = ["--episodes", "1", "--size", "64x48"]

    func run(
        _ folder: URL, _ extra: [String] = [], others: Set<String> = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> RunManifest {
        let result = try runProcess(
            cartpoleBinary, ["run", "--out", folder.path] + Self.small + Self.recording + extra)
        try #require(result.status == 0, "\(result.stderr)", sourceLocation: sourceLocation)
        return try verifiedManifest(folder, others: others, sourceLocation: sourceLocation)
    }

    @Test func theWalkThroughsDefaultsNeverMeetAndEveryFolderAgreesWithItsManifest() throws {
        let root = try Fixtures.temporaryDirectory("walk-through")
        func cartpoleHere(_ arguments: [String]) throws -> ProcessResult {
            try runProcess(cartpoleBinary, arguments, currentDirectory: root)
        }
        let steps = [
            ["run"] + Self.small + Self.recording,
            ["eval", "--agent", "videos/best.safetensors", "--episodes", "5", "--epsilon", "0.1", "--plot"],
            ["record", "--agent", "videos/best.safetensors"] + Self.recording,
            ["record", "--agent", "videos/checkpoints", "--size", "128x96"],
            ["plot", "--metrics", "videos/metrics.csv"],
            ["qmap", "--agent", "videos/agent.safetensors"],
            ["train", "--n-step", "1"] + Self.small,
        ]
        for step in steps {
            let result = try cartpoleHere(step)
            #expect(result.status == 0, "\(step[0]): \(result.stderr)")
            #expect(
                !result.stderr.contains("note: passed over"),
                "\(step[0]) read only the run's own files: \(result.stderr)")
        }
        let videos = root.appendingPathComponent("videos")
        let run = try verifiedManifest(videos, others: ["eval", "record", "plot", "qmap", "train"])
        #expect(run.command == "run" && run.state == .complete)
        #expect(run.settings["frames"] == "400" && run.settings["n-step"] == "3")
        let record = try verifiedManifest(videos.appendingPathComponent("record"))
        #expect(record.files.map(\.path) == ["rl-video-grid.mp4"], "the second record replaced the first one's videos")
        #expect(
            try verifiedManifest(videos.appendingPathComponent("eval")).files.map(\.path) == ["eval.csv", "eval.png"])
        #expect(try verifiedManifest(videos.appendingPathComponent("plot")).files.map(\.path) == ["training.png"])
        #expect(try verifiedManifest(videos.appendingPathComponent("qmap")).files.map(\.path) == ["qmap.png"])
        #expect(try verifiedManifest(videos.appendingPathComponent("train")).settings["n-step"] == "1")
        // The run's own eval.csv is still the one training wrote, so its readers still work.
        let plotted = try cartpoleHere(["plot", "--metrics", "videos/metrics.csv", "--out", "videos/plot"])
        #expect(plotted.status == 0, "\(plotted.stderr)")
    }

    @Test func anotherCommandIntoARunsFolderIsRefusedBeforeAnyWork() throws {
        let folder = try Fixtures.temporaryDirectory("other-command")
        let before = try run(folder)
        let agent = folder.appendingPathComponent("best.safetensors").path
        for arguments in [
            ["train"] + Self.small, ["eval", "--agent", agent], ["record", "--agent", agent],
            ["qmap", "--agent", agent],
            ["plot", "--metrics", folder.appendingPathComponent("metrics.csv").path], ["compare"] + Self.small,
        ] {
            let result = try runProcess(cartpoleBinary, arguments + ["--out", folder.path])
            #expect(result.status == 1, "\(arguments[0])")
            #expect(
                result.stderr
                    == "error: \(folder.path) holds the outputs of `cartpole run`; choose another --out, or remove them first\n",
                "\(arguments[0]): \(result.stderr)")
            #expect(!result.stderr.contains("train:"), "refused before any work")
        }
        #expect(try verifiedManifest(folder) == before)
    }

    @Test func aFileInTheWayThatNoManifestListsIsNeverOverwritten() throws {
        let folder = try Fixtures.temporaryDirectory("in-the-way")
        try Data("mine".utf8).write(to: folder.appendingPathComponent("rl-video-episode-0.mp4"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        let result = try runProcess(cartpoleBinary, ["run", "--out", folder.path] + Self.small + Self.recording)
        #expect(result.status == 1)
        #expect(
            result.stderr.hasPrefix(
                "error: \(folder.path)/rl-video-episode-0.mp4 is in the way and no manifest.json says this command wrote it"
            ),
            "\(result.stderr)")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("rl-video-episode-0.mp4"))
        let result2 = try runProcess(cartpoleBinary, ["run", "--out", folder.path] + Self.small + Self.recording)
        #expect(result2.status == 0, "\(result2.stderr)")
        _ = try verifiedManifest(folder, others: ["notes.txt"])
        #expect(
            try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "notes",
            "a user's file stays")
    }

    @Test func aRerunReplacesEveryEarlierOutputStaleCheckpointsAndOtherFormatsIncluded() throws {
        let folder = try Fixtures.temporaryDirectory("rerun")
        _ = try run(folder, ["--frames", "800", "--episodes", "2"])
        // A file among the checkpoints that no manifest lists (a user's) stays; every listed one is replaced.
        try Data("not a checkpoint".utf8).write(
            to: folder.appendingPathComponent("checkpoints/agent-999999.safetensors"))
        let second = try run(
            folder, ["--seed", "5", "--format", "webm"], others: ["checkpoints/agent-999999.safetensors"])
        #expect(
            files(in: folder.appendingPathComponent("checkpoints"))
                == (1...40).map { String(format: "agent-%06d.safetensors", $0 * 10) } + ["agent-999999.safetensors"],
            "the second run's checkpoints, and the file it never wrote")
        #expect(files(in: folder).filter { $0.hasSuffix(".mp4") }.isEmpty, "no video of the earlier format")
        #expect(second.settings["seed"] == "5" && second.settings["format"] == "webm")
        let summary = try JSON.decode(
            Data(contentsOf: folder.appendingPathComponent("summary.json")), name: "summary.json")
        #expect(try summary["configuration"]["seed"].int == 5)
        #expect(try summary["test_episodes"].array.count == 1)
    }

    @Test func aSecondWriterIsRefusedAtOnceNamingTheFirst() throws {
        let folder = try Fixtures.temporaryDirectory("two-writers")
        let first = try RunningCartpole([
            "run", "--out", folder.path, "--frames", "50000000", "--hidden", "8", "--eval-every", "0",
        ])
        #expect(first.wait(for: "train: "))
        let second = try runProcess(cartpoleBinary, ["run", "--out", folder.path] + Self.small + Self.recording)
        #expect(second.status == 1)
        #expect(
            second.stderr
                == "error: \(folder.path) is being written by process \(first.process.processIdentifier) (cartpole run --out "
                + "\(folder.path) --frames 50000000 --hidden 8 --eval-every 0); wait for it to end, or choose another --out\n",
            "\(second.stderr)")
        let stopped = first.stop(with: SIGINT)
        #expect(stopped.status == 130)
        let manifest = try verifiedManifest(folder)
        #expect(
            manifest.state == .interrupted && manifest.settings["frames"] == "50000000",
            "the folder is the first run's alone")
    }

    @Test(arguments: ["train: ", "recorded rl-video-episode-0", "training-progress"])
    func sigkillAtAnyPointLeavesTheEarlierRunWholeAndTheNextCommandClearsUp(_ marker: String) throws {
        let folder = try Fixtures.temporaryDirectory("sigkill")
        let before = try run(folder)
        // Enough work after each marker that the kill lands before the commit.
        let killed = try RunningCartpole([
            "run", "--out", folder.path, "--frames", "3000", "--hidden", "8", "--seed", "9",
            "--episodes", "40", "--size", "320x240", "--jobs", "1",
        ])
        #expect(killed.wait(for: marker), "\(marker)")
        #expect(killed.stop(with: SIGKILL).status == 128 + SIGKILL)
        #expect(try verifiedManifest(folder) == before, "the earlier run, whole and alone")
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).contains {
                $0.hasPrefix(".cartpole-staging-")
            })
        let next = try runProcess(cartpoleBinary, ["run", "--out", folder.path] + Self.small + Self.recording)
        #expect(next.status == 0, "\(next.stderr)")
        #expect(next.stderr.contains("the unfinished outputs of a command that was stopped"), "\(next.stderr)")
        #expect(
            !(try FileManager.default.contentsOfDirectory(atPath: folder.path)).contains {
                $0.hasPrefix(".cartpole-staging-")
            })
        _ = try verifiedManifest(folder)
    }

    @Test func sigkillDuringTrainLeavesTheEarlierTrainingWhole() throws {
        let folder = try Fixtures.temporaryDirectory("sigkill-train")
        let first = try runProcess(
            cartpoleBinary, ["train", "--out", folder.path, "--checkpoint-every", "100"] + Self.small)
        try #require(first.status == 0, "\(first.stderr)")
        let before = try verifiedManifest(folder)
        let killed = try RunningCartpole([
            "train", "--out", folder.path, "--frames", "1000000", "--hidden", "8", "--checkpoint-every", "1000",
        ])
        #expect(killed.wait(for: "train: "))
        #expect(killed.stop(with: SIGKILL).status == 128 + SIGKILL)
        #expect(try verifiedManifest(folder) == before)
        #expect(
            files(in: folder.appendingPathComponent("checkpoints")).count == 4, "none of the killed run's checkpoints")
        let staged = try #require(files(in: folder).first { $0.hasPrefix(".cartpole-staging-") })
        #expect(
            !files(in: folder.appendingPathComponent(staged).appendingPathComponent("checkpoints")).isEmpty,
            "the killed run had written checkpoints, into its staging folder")
    }

    @Test func sigkillDuringCompareLeavesATableOfMatchingRunsOnly() throws {
        let folder = try Fixtures.temporaryDirectory("sigkill-compare")
        let options = [
            "--hidden", "8", "--memory-size", "300", "--eval-every", "500", "--eval-episodes", "2", "--vary",
            "n-step=1,3",
            "--seeds", "2", "--jobs", "1", "--out", folder.path,
        ]
        let first = try runProcess(cartpoleBinary, ["compare", "--frames", "1000"] + options)
        try #require(first.status == 0, "\(first.stderr)")
        let before = try verifiedManifest(folder, others: ["runs"])
        let killed = try RunningCartpole(["compare", "--frames", "4000"] + options)
        #expect(killed.wait(for: "[1/4]"))
        #expect(killed.stop(with: SIGKILL).status == 128 + SIGKILL)
        #expect(
            try verifiedManifest(folder, others: ["runs"]) == before, "the earlier comparison and its plan, untouched")
        let from = try runProcess(cartpoleBinary, ["compare", "--from", folder.path])
        #expect(from.status == 1)
        #expect(from.stderr.contains("made with other options (--frames 4000; the plan has 1000)"), "\(from.stderr)")
        let rows = try String(contentsOf: folder.appendingPathComponent("compare.csv"), encoding: .utf8).split(
            separator: "\n")
        #expect(rows.count >= 2 && rows.count <= 4, "only the runs still made with the plan's options: \(rows)")
    }

    @Test func ctrlCAfterAnEarlierRunLeavesOnlyTheInterruptedRunMarkedSo() throws {
        let folder = try Fixtures.temporaryDirectory("ctrl-c")
        _ = try run(folder)
        let result = try interrupt(
            ["run", "--out", folder.path, "--frames", "50000000", "--hidden", "8", "--seed", "9", "--eval-every", "0"],
            when: "train: ", with: SIGINT)
        #expect(result.status == 130)
        let manifest = try verifiedManifest(folder)
        #expect(manifest.state == .interrupted)
        #expect(
            files(in: folder) == [
                "agent.safetensors", "events.out.tfevents.cartpole", "index.html", "manifest.json", "metrics.csv",
                "summary.json",
                "training.png",
            ],
            "nothing of the earlier run: no videos, no qmap, no eval.csv")
        let summary = try JSON.decode(
            Data(contentsOf: folder.appendingPathComponent("summary.json")), name: "summary.json")
        #expect(try summary["configuration"]["seed"].int == 9 && summary["state"].string == "interrupted")
    }

    @Test func aFailedWriteLeavesTheEarlierTrainingWhole() throws {
        let folder = try Fixtures.temporaryDirectory("full-train")
        let first = try runProcess(
            cartpoleBinary, ["train", "--out", folder.path, "--frames", "300", "--hidden", "16"])
        try #require(first.status == 0, "\(first.stderr)")
        let before = try verifiedManifest(folder)
        // Hidden 256: the agent no longer fits under the limit, as on a full disk.
        let failed = try cartpoleWithFileSizeLimit(
            kilobytes: 200,
            [
                "train", "--out", folder.path, "--frames", "300", "--hidden", "256",
                "--seed", "5",
            ])
        #expect(failed.status == 1, "\(failed.stderr)")
        #expect(try verifiedManifest(folder) == before)
        #expect(
            files(in: folder) == ["agent.safetensors", "events.out.tfevents.cartpole", "manifest.json", "metrics.csv"])
    }

    @Test func ctrlCDuringRecordLeavesTheFolderAsItWas() throws {
        let folder = try Fixtures.temporaryDirectory("record-ctrl-c")
        let agent = Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors").path
        let videos = folder.appendingPathComponent("videos")
        let first = try runProcess(cartpoleBinary, ["record", "--agent", agent, "--out", videos.path] + Self.recording)
        try #require(first.status == 0, "\(first.stderr)")
        let before = try verifiedManifest(videos)
        let result = try interrupt(
            ["record", "--agent", agent, "--out", videos.path, "--episodes", "5000", "--size", "64x48", "--jobs", "1"],
            when: "recorded episode 1", with: SIGINT)
        #expect(result.status == 130)
        #expect(result.stderr.contains("nothing written"), "\(result.stderr)")
        #expect(try verifiedManifest(videos) == before)
    }

    @Test func aChangedOrPlantedFileIsNotReadAsPartOfTheRun() throws {
        let folder = try Fixtures.temporaryDirectory("planted")
        let trained = try runProcess(
            cartpoleBinary, ["train", "--out", folder.path, "--checkpoint-every", "200"] + Self.small)
        try #require(trained.status == 0, "\(trained.stderr)")
        let checkpoints = folder.appendingPathComponent("checkpoints")
        try FileManager.default.copyItem(
            at: checkpoints.appendingPathComponent("agent-000200.safetensors"),
            to: checkpoints.appendingPathComponent("agent-999999.safetensors"))
        let grid = try runProcess(
            cartpoleBinary,
            [
                "record", "--agent", checkpoints.path, "--size", "300x200", "--out",
                folder.appendingPathComponent("grid").path,
            ])
        #expect(grid.status == 0, "\(grid.stderr)")
        #expect(
            grid.stderr.contains("passed over 1 file(s) in \(checkpoints.path) that its manifest.json does not list"),
            "\(grid.stderr)")
        #expect(grid.stdout.split(separator: "\n").filter { $0.hasPrefix("frame ") }.count == 2, "\(grid.stdout)")
        var metrics = try Data(contentsOf: folder.appendingPathComponent("metrics.csv"))
        metrics.append(contentsOf: Array("400,999,0.1,0.1,,\n".utf8))
        try metrics.write(to: folder.appendingPathComponent("metrics.csv"))
        let plot = try runProcess(
            cartpoleBinary,
            [
                "plot", "--metrics", folder.appendingPathComponent("metrics.csv").path, "--out",
                folder.appendingPathComponent("plot").path,
            ])
        #expect(plot.status == 1)
        #expect(plot.stderr.contains("has changed since `cartpole train` wrote it"), "\(plot.stderr)")
    }

    @Test func anInterruptedCompareIsResumedAndNeverTabulatesUnfinishedOrMismatchedRuns() throws {
        let folder = try Fixtures.temporaryDirectory("compare-resume")
        let options = [
            "--frames", "4000", "--hidden", "8", "--memory-size", "300", "--eval-every", "500", "--eval-episodes", "2",
            "--vary", "n-step=1,3", "--seeds", "2", "--jobs", "1", "--out", folder.path,
        ]
        let stopped = try interrupt(["compare"] + options, when: "[1/4]", with: SIGINT)
        #expect(stopped.status == 130, "\(stopped.stderr)")
        #expect(!stopped.stderr.contains("[2/4] n-step=1 seed 2: final"), "\(stopped.stderr)")
        #expect(try verifiedManifest(folder, others: ["runs"]).state == .interrupted)
        // The signal lands while the second run trains (then it is committed marked interrupted and said
        // so) or between the two (then it never started): either way it is not a finished run.
        let second = folder.appendingPathComponent("runs/n-step=1/seed-2")
        if FileManager.default.fileExists(atPath: second.appendingPathComponent("manifest.json").path) {
            #expect(try verifiedManifest(second).state == .interrupted)
            #expect(stopped.stderr.contains("n-step=1 seed 2 interrupted at frame"), "\(stopped.stderr)")
        }
        // A run of the plan interrupted on its own, as an emitted task stopped by Ctrl-C would be.
        let interrupted = folder.appendingPathComponent("runs/n-step=3/seed-2")
        let task = try interrupt(
            [
                "train", "--out", interrupted.path, "--frames", "50000000", "--hidden", "8", "--n-step", "3", "--seed",
                "2",
            ],
            when: "train: ", with: SIGINT)
        #expect(task.status == 130, "\(task.stderr)")

        let from = try runProcess(cartpoleBinary, ["compare", "--from", folder.path])
        #expect(from.status == 1)
        #expect(from.stderr.contains("3 of 4 planned runs are not finished and are left out"), "\(from.stderr)")
        #expect(from.stderr.contains("\(interrupted.path): interrupted"), "\(from.stderr)")
        #expect(from.stderr.contains("n-step=3/seed-1: not run yet"), "\(from.stderr)")
        #expect(
            try String(contentsOf: folder.appendingPathComponent("compare.csv"), encoding: .utf8).split(separator: "\n")
                .count == 2)

        let resumed = try runProcess(cartpoleBinary, ["compare"] + options)
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stderr.contains("reusing 1 finished run(s) of 4"), "\(resumed.stderr)")
        #expect(resumed.stderr.contains("[3/3]"), "\(resumed.stderr)")
        #expect(
            try String(contentsOf: folder.appendingPathComponent("compare.csv"), encoding: .utf8).split(separator: "\n")
                .count == 5)

        // Other options make every run stale: none is reused, and --from of the old plan's runs says why.
        var shorter = options
        shorter[1] = "2000"
        let emitted = try runProcess(
            cartpoleBinary, ["compare", "--emit-tasks", folder.appendingPathComponent("tasks.txt").path] + shorter)
        #expect(emitted.status == 0, "\(emitted.stderr)")
        let mismatched = try runProcess(cartpoleBinary, ["compare", "--from", folder.path])
        #expect(mismatched.status != 0)
        #expect(
            mismatched.stderr.contains("made with other options (--frames 4000; the plan has 2000)"),
            "\(mismatched.stderr)")
        #expect(
            !FileManager.default.fileExists(atPath: folder.appendingPathComponent("compare.csv").path),
            "no table of stale runs")
    }
}
