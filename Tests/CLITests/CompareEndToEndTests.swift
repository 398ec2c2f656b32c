import Agent
import FileFormats
import Foundation
import OutputFiles
import TestSupport
import Testing

/// `cartpole compare`: runs in a pool equal to runs alone, emitted tasks equal to in-process ones, a
/// failing run reported among the others.
@Suite struct CompareEndToEndTests {
    let small = [
        "--frames", "600", "--hidden", "8", "--memory-size", "300", "--eval-every", "200", "--eval-episodes", "2",
        "--vary", "n-step=1,3", "--seeds", "2",
    ]

    /// compare.csv without its last column (training seconds, which differ from run to run).
    func rows(_ folder: URL) throws -> [String] {
        try String(contentsOf: folder.appendingPathComponent("compare.csv"), encoding: .utf8).split(separator: "\n")
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).dropLast().joined(separator: ",") }
    }

    func runFiles(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let runs = folder.appendingPathComponent("runs")
        for variant in files(in: runs) {
            for seed in files(in: runs.appendingPathComponent(variant)) {
                let run = runs.appendingPathComponent("\(variant)/\(seed)")
                // Every output but the manifest, whose times and command lines differ (its settings must not),
                // and the event file's wall times.
                for name in files(in: run) where name != "manifest.json" {
                    let file = run.appendingPathComponent(name)
                    result["\(variant)/\(seed)/\(name)"] =
                        name == TensorBoardEventWriter.fileName
                        ? Data(
                            try TensorBoardEvents.read(from: file).scalars.sorted { $0.key < $1.key }
                                .map { "\($0.key): \($0.value.map { "\($0.step) \($0.value)" })" }
                                .joined(separator: "\n").utf8)
                        : try Data(contentsOf: file)
                }
                let settings = try verifiedManifest(run).settings.sorted { $0.key < $1.key }.map {
                    "\($0.key)=\($0.value)"
                }
                result["\(variant)/\(seed)/settings"] = Data(settings.joined(separator: "\n").utf8)
            }
        }
        return result
    }

    @Test func aPoolWritesWhatSerialRunsAndPlainTrainsWrite() throws {
        let pooled = try Fixtures.temporaryDirectory("compare-pool")
        let serial = try Fixtures.temporaryDirectory("compare-serial")
        defer {
            try? FileManager.default.removeItem(at: pooled)
            try? FileManager.default.removeItem(at: serial)
        }
        let a = try runProcess(cartpoleBinary, ["compare", "--jobs", "2", "--out", pooled.path] + small)
        #expect(a.status == 0, "\(a.stderr)")
        let b = try runProcess(cartpoleBinary, ["compare", "--jobs", "1", "--out", serial.path] + small)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(
            files(in: pooled) == [
                "compare-grid.mp4", "compare.csv", "compare.md", "compare.png", "index.html", "manifest.json",
                "plan.json", "runs",
            ])
        // The report links every run and plays each variant's agent from one start state.
        let page = try String(contentsOf: pooled.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(page.contains("<img src=\"compare.png\"") && page.contains("src=\"compare-grid.mp4\""))
        #expect(page.components(separatedBy: "<a href=\"runs/").count - 1 == 4, "a link to each of the four runs")
        let grid = try probeVideo(pooled.appendingPathComponent("compare-grid.mp4"))
        #expect(grid.codec == "h264" && grid.width == 1200 && grid.height == 800 && grid.frames > 1)
        // Each variant's tile is its median run (of two, the lower final evaluation; equal ones by seed).
        let finals = try rows(pooled).dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        for variant in ["n-step=1", "n-step=3"] {
            let median = try #require(
                finals.filter { $0[0] == variant }.min {
                    (Double($0[3]) ?? .nan, Int($0[1]) ?? 0) < (Double($1[3]) ?? .nan, Int($1[1]) ?? 0)
                })
            #expect(page.contains("\(variant): median of 2 runs, seed \(median[1]):"), "\(page)")
        }
        _ = try verifiedManifest(pooled, others: ["runs"])
        let pooledRuns = try runFiles(pooled)
        #expect(
            pooledRuns.count == 4 * 6, "four runs, each with agent, best, eval, metrics, event file and its settings")
        #expect(pooledRuns == (try runFiles(serial)))
        #expect(try rows(pooled) == rows(serial))
        #expect(try rows(pooled).first == "variant,seed,frames_to_threshold,final_eval_mean,best_eval_mean")
        // A run is what `cartpole train` writes with the same options.
        let alone = pooled.appendingPathComponent("alone")
        let trained = try runProcess(
            cartpoleBinary,
            [
                "train", "--frames", "600", "--hidden", "8", "--memory-size", "300",
                "--eval-every", "200", "--eval-episodes", "2", "--n-step", "3", "--seed", "2",
                "--out", alone.path,
            ])
        #expect(trained.status == 0)
        for name in ["agent.safetensors", "best.safetensors", "eval.csv", "metrics.csv"] {
            #expect(
                try Data(contentsOf: alone.appendingPathComponent(name)) == pooledRuns["n-step=3/seed-2/\(name)"],
                "\(name)")
        }
        let size = try pngSize(pooled.appendingPathComponent("compare.png"))
        #expect(size == (1400, 900))
        let table = try String(contentsOf: pooled.appendingPathComponent("compare.md"), encoding: .utf8)
        #expect(table.contains("| n-step=1 | 2 |") && table.contains("| n-step=3 | 2 |"), "\(table)")
        #expect(a.stdout.hasPrefix("| variant | runs | IQM [95% CI] |"))
    }

    @Test func emittedTasksRunByXargsCompareAsTheInProcessRun() throws {
        let inProcess = try Fixtures.temporaryDirectory("compare-in")
        let emitted = try Fixtures.temporaryDirectory("compare-emit")
        defer {
            try? FileManager.default.removeItem(at: inProcess)
            try? FileManager.default.removeItem(at: emitted)
        }
        #expect(try runProcess(cartpoleBinary, ["compare", "--out", inProcess.path] + small).status == 0)
        let tasks = emitted.appendingPathComponent("tasks.txt")
        let emit = try runProcess(
            cartpoleBinary, ["compare", "--emit-tasks", tasks.path, "--out", emitted.path] + small)
        #expect(emit.status == 0, "\(emit.stderr)")
        let lines = try String(contentsOf: tasks, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 4 && lines.allSatisfy { $0.contains(" compare --task ") && $0.contains(" --index ") })
        #expect(
            !FileManager.default.fileExists(atPath: emitted.appendingPathComponent("runs").path),
            "emitting trains nothing")
        #expect(files(in: emitted) == ["manifest.json", "plan.json", "tasks.txt"])
        // As the README runs them: xargs by index, no shell.
        let xargs = try runProcess(
            "/bin/sh",
            [
                "-c", "seq 0 3 | xargs -P 2 -I{} \"$0\" compare --task \"$1\" --index {} >/dev/null 2>&1",
                cartpoleBinary, emitted.path,
            ])
        #expect(xargs.status == 0, "\(xargs.stderr)")
        // The plan is in the folder: --from alone tabulates it (also when given its runs/).
        let from = try runProcess(cartpoleBinary, ["compare", "--from", emitted.appendingPathComponent("runs").path])
        #expect(from.status == 0, "\(from.stderr)")
        #expect(try rows(emitted) == rows(inProcess))
        #expect(try runFiles(emitted) == runFiles(inProcess))
    }

    /// Started by its name from PATH in another folder, the task lines still name this very binary.
    @Test func emittedTasksNameTheBinaryWhereverItWasStartedFrom() throws {
        let folder = try Fixtures.temporaryDirectory("compare-path")
        let directory = URL(fileURLWithPath: cartpoleBinary).deletingLastPathComponent().path
        let result = try runProcess(
            "/bin/sh",
            [
                "-c", "cd \"$1\" && PATH=\"$0:$PATH\" cartpole compare --emit-tasks - --seeds 1 --out sweep",
                directory, folder.path,
            ])
        #expect(result.status == 0, "\(result.stderr)")
        let executable = String(result.stdout.prefix { $0 != " " })
        #expect(
            executable.hasPrefix("/") && FileManager.default.isExecutableFile(atPath: executable), "\(result.stdout)")
        #expect(result.stdout.contains(" compare --task \(folder.path)/sweep --index 0\n"), "\(result.stdout)")
    }

    @Test func aFailingRunIsReportedAndTheOthersFinish() throws {
        let folder = try Fixtures.temporaryDirectory("compare-fail")
        // A file where one run's folder must go: that run cannot write.
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("runs/n-step=3"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: folder.appendingPathComponent("runs/n-step=3/seed-2"))
        let result = try runProcess(cartpoleBinary, ["compare", "--out", folder.path] + small)
        #expect(result.status == 1)
        #expect(result.stderr.contains("n-step=3 seed 2 failed:"), "\(result.stderr)")
        #expect(result.stderr.contains("1 of 4 runs failed; the comparison has the others"), "\(result.stderr)")
        #expect(try rows(folder).count == 1 + 3)
        // --from says which expected runs are missing.
        let from = try runProcess(cartpoleBinary, ["compare", "--from", folder.path] + small)
        #expect(from.status == 1)
        #expect(from.stderr.contains("1 of 4 planned runs are not finished and are left out"), "\(from.stderr)")
    }

    /// Tabulating a kept plan uses its runs' environment, not the default of an option left out.
    @Test func tabulatingAKeptPlanUsesItsEnvironment() throws {
        let folder = try Fixtures.temporaryDirectory("compare-v1")
        let made = try cartpole(
            "compare", "--env", "CartPole-v1", "--seeds", "2", "--frames", "300", "--hidden", "8", "--eval-every",
            "150", "--eval-episodes", "1", "--out", folder.path)
        try #require(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("runs reaching 475"))
        let tabulated = try cartpole("compare", "--from", folder.path)
        #expect(tabulated.status == 0, "\(tabulated.stderr)")
        #expect(tabulated.stdout.contains("runs reaching 475") && !tabulated.stdout.contains("reaching 195"))
    }

    /// A folder named to run code: each emitted line, run by a shell as GNU parallel runs it, runs no code
    /// from the name and trains its run.
    @Test func emittedTaskLinesRunNoCodeFromTheFolderName() throws {
        let folder = try Fixtures.temporaryDirectory("compare-hostile-out")
        let out = folder.appendingPathComponent("x $(touch PWNED) ';touch PWNED2;' \"`touch PWNED3`").path
        let tasks = folder.appendingPathComponent("tasks.txt")
        let emit = try runProcess(
            cartpoleBinary,
            [
                "compare", "--seeds", "1", "--frames", "300", "--hidden", "8", "--memory-size", "100", "--emit-tasks",
                tasks.path, "--out", out,
            ],
            currentDirectory: folder)
        #expect(emit.status == 0, "\(emit.stderr)")
        let run = try runProcess(
            "/bin/sh", ["-c", "while IFS= read -r line; do sh -c \"$line\" || exit 1; done < tasks.txt"],
            currentDirectory: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(files(in: folder).allSatisfy { !$0.hasPrefix("PWNED") }, "\(files(in: folder))")
        #expect(
            try RunManifest.read(in: URL(fileURLWithPath: out).appendingPathComponent("runs/default/seed-1"))?.state
                == .complete)
    }

    /// A compare folder holds its plan's runs and nothing else: another plan into it (a variant it lacks,
    /// fewer seeds) is refused before any work, naming the difference; the kept runs stay as they were.
    @Test func anotherPlanIntoAComparesFolderIsRefused() throws {
        let folder = try Fixtures.temporaryDirectory("compare-replan")
        let tiny = [
            "--frames", "300", "--hidden", "8", "--memory-size", "100", "--eval-every", "150", "--eval-episodes", "1",
        ]
        let first = try runProcess(
            cartpoleBinary, ["compare", "--vary", "n-step=1,3", "--seeds", "2", "--out", folder.path] + tiny)
        try #require(first.status == 0, "\(first.stderr)")
        let before = try runFiles(folder)
        for (vary, seeds, difference) in [
            ("n-step=1,2", "2", "its variant n-step=3 is not one of these"),
            ("n-step=1,3", "1", "seeds 1 to 2, not 1 to 1"),
        ] {
            let again = try runProcess(
                cartpoleBinary, ["compare", "--vary", vary, "--seeds", seeds, "--out", folder.path] + tiny)
            #expect(again.status != 0 && again.stderr.contains(difference), "\(again.stderr)")
            #expect(
                again.stderr.contains("holds the runs of another comparison")
                    && again.stderr.split(separator: "\n").count == 1)
            #expect(try runFiles(folder) == before, "the kept runs are untouched")
        }
    }
}
