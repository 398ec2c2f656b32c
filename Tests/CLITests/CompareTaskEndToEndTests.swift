import Foundation
import TestSupport
import Testing

/// `compare --task DIR`: the run of a kept plan at an index, from `--index` or an array job's environment.
@Suite struct CompareTaskEndToEndTests {
    let small = [
        "--vary", "n-step=1,3", "--seeds", "2", "--frames", "300", "--hidden", "8", "--eval-every", "100",
        "--eval-episodes", "1",
    ]

    @Test func tasksRunByIndexFromOptionOrEnvironmentAndRerunsDoNothing() throws {
        let folder = try Fixtures.temporaryDirectory("tasks")
        let sweep = folder.appendingPathComponent("sweep").path
        let emitted = try runProcess(
            cartpoleBinary,
            ["compare", "--out", sweep, "--emit-tasks", folder.appendingPathComponent("t").path] + small)
        try #require(emitted.status == 0, "\(emitted.stderr)")
        let first = try cartpole("compare", "--task", sweep, "--index", "0")
        #expect(first.status == 0 && first.stdout.hasPrefix("task 0 (n-step=1 seed 1): final evaluation mean"))
        let runFolder = URL(fileURLWithPath: sweep).appendingPathComponent("runs/n-step=1/seed-1")
        let manifest = try Data(contentsOf: runFolder.appendingPathComponent("manifest.json"))
        let again = try cartpole("compare", "--task", sweep, "--index", "0")
        #expect(again.status == 0 && again.stdout.contains("complete already"), "\(again.stdout)\(again.stderr)")
        #expect(try Data(contentsOf: runFolder.appendingPathComponent("manifest.json")) == manifest, "left alone")

        let tabulated = try cartpole("compare", "--from", sweep)
        #expect(tabulated.status == 1 && tabulated.stderr.contains("tasks to run again: 1-3;"), "\(tabulated.stderr)")
        for (index, variable) in [
            (1, "SLURM_ARRAY_TASK_ID"), (2, "JOB_COMPLETION_INDEX"), (3, "AWS_BATCH_JOB_ARRAY_INDEX"),
        ] {
            var environment = ProcessInfo.processInfo.environment
            for name in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] {
                environment[name] = nil
            }
            environment[variable] = "\(index)"
            let task = try runProcess(cartpoleBinary, ["compare", "--task", sweep], environment: environment)
            #expect(task.status == 0 && task.stdout.hasPrefix("task \(index) "), "\(variable): \(task.stderr)")
        }
        let complete = try cartpole("compare", "--from", sweep)
        #expect(complete.status == 0 && !complete.stderr.contains("to run again"), "\(complete.stderr)")
        #expect(files(in: URL(fileURLWithPath: sweep).appendingPathComponent("runs/n-step=3")) == ["seed-1", "seed-2"])
    }

    /// Two tasks of one index at once (a requeued task beside its first try): one trains, the other is
    /// refused by the run folder's lock (or finds the run complete); the folder is one whole run.
    @Test func twoTasksOfOneIndexNeverWriteOneFolder() throws {
        let folder = try Fixtures.temporaryDirectory("tasks-twice")
        let sweep = folder.appendingPathComponent("sweep").path
        let emitted = try runProcess(
            cartpoleBinary,
            ["compare", "--out", sweep, "--emit-tasks", "-", "--seeds", "1", "--frames", "6000", "--hidden", "8"])
        try #require(emitted.status == 0, "\(emitted.stderr)")
        let processes = (0..<2).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: cartpoleBinary)
            process.arguments = ["compare", "--task", sweep, "--index", "0"]
            process.standardOutput = Pipe()
            process.standardError = Pipe()
            return process
        }
        for process in processes { try process.run() }
        for process in processes { process.waitUntilExit() }
        let outcomes = processes.map { process in
            (
                process.terminationStatus,
                String(
                    decoding: (process.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile()
                        + (process.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            )
        }
        let trained = outcomes.filter { $0.0 == 0 && $0.1.contains("final evaluation mean") }
        let other = outcomes.filter { !($0.0 == 0 && $0.1.contains("final evaluation mean")) }
        #expect(trained.count == 1, "\(outcomes)")
        #expect(
            other.allSatisfy {
                ($0.0 == 1 && $0.1.contains("cartpole")) || ($0.0 == 0 && $0.1.contains("complete already"))
            },
            "\(outcomes)")
        let run = URL(fileURLWithPath: sweep).appendingPathComponent("runs/default/seed-1")
        #expect(try verifiedManifest(run).state == .complete)
    }

    @Test func badIndicesAndFoldersAreRefusedInOneLine() throws {
        let folder = try Fixtures.temporaryDirectory("tasks-bad")
        let sweep = folder.appendingPathComponent("sweep").path
        let noPlan = try cartpole("compare", "--task", sweep, "--index", "0")
        #expect(noPlan.status != 0 && noPlan.stderr.contains("holds no plan.json"))
        _ = try runProcess(cartpoleBinary, ["compare", "--out", sweep, "--emit-tasks", "-"] + small)
        let outside = try cartpole("compare", "--task", sweep, "--index", "4")
        #expect(outside.status != 0 && outside.stderr == "error: task index 4 is outside the plan's runs (0 to 3)\n")
        var environment = ProcessInfo.processInfo.environment
        for name in ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"] {
            environment[name] = nil
        }
        let none = try runProcess(cartpoleBinary, ["compare", "--task", sweep], environment: environment)
        #expect(
            none.status == 64 && none.stderr.hasPrefix("error: --index is not given, and no array job's index is set"))
        environment["SLURM_ARRAY_TASK_ID"] = "3; rm -rf /"
        let hostile = try runProcess(cartpoleBinary, ["compare", "--task", sweep], environment: environment)
        #expect(hostile.status == 64 && hostile.stderr.contains("not a task index"))
        #expect(files(in: URL(fileURLWithPath: sweep)) == ["manifest.json", "plan.json"], "nothing was run")
    }
}

/// `compare --slurm`: the plan and the two batch scripts, and what the tabulation says to run again.
@Suite struct SlurmScriptsEndToEndTests {
    @Test func theScriptsAskForWhatTheRunsNeedAndRunTheTasks() throws {
        let folder = try Fixtures.temporaryDirectory("slurm")
        let sweep = folder.appendingPathComponent("sweep")
        let made = try runProcess(
            cartpoleBinary,
            [
                "compare", "--vary", "n-step=1,3", "--seeds", "3", "--frames", "300", "--hidden", "8", "--eval-every",
                "100", "--eval-episodes", "1", "--out", sweep.path, "--slurm", "--slurm-parallel", "4", "--partition",
                "short", "--account", "rl-lab", "--sbatch", "--qos=quick",
            ])
        try #require(made.status == 0, "\(made.stderr)")
        #expect(files(in: sweep) == ["logs", "manifest.json", "plan.json", "sweep.sbatch", "tabulate.sbatch"])
        let script = try String(contentsOf: sweep.appendingPathComponent("sweep.sbatch"), encoding: .utf8)
        let lines = script.split(separator: "\n").map(String.init)
        #expect(lines.first == "#!/bin/bash")
        for expected in [
            "#SBATCH --array=0-5%4", "#SBATCH --cpus-per-task=1", "#SBATCH --partition=short",
            "#SBATCH --account=rl-lab", "#SBATCH --qos=quick", "#SBATCH --output=\(sweep.path)/logs/task-%a.out",
        ] {
            #expect(lines.contains(expected), "\(expected) in\n\(script)")
        }
        let memory = try #require(
            lines.first { $0.hasPrefix("#SBATCH --mem=") }.flatMap { Int($0.dropFirst(14).dropLast()) })
        #expect((256...2048).contains(memory), "a small run's footprint and the process: \(memory) MiB")
        let minutes = try #require(lines.first { $0.hasPrefix("#SBATCH --time=") }.flatMap { Int($0.dropFirst(15)) })
        #expect((2...60).contains(minutes))
        #expect(lines.last?.hasSuffix(" compare --task \(sweep.path)") == true)
        let tabulate = try String(contentsOf: sweep.appendingPathComponent("tabulate.sbatch"), encoding: .utf8)
        #expect(tabulate.hasSuffix(" compare --from \(sweep.path)\n"))
        #expect(made.stdout.contains("job=$(sbatch --parsable \(sweep.path)/sweep.sbatch)"))
        #expect(made.stdout.contains("sbatch --dependency=afterany:${job%%;*} \(sweep.path)/tabulate.sbatch"))

        // What the array's tasks do, here by hand: all but task 4, which the tabulation then names.
        var environment = ProcessInfo.processInfo.environment
        for index in [0, 1, 2, 3, 5] {
            environment["SLURM_ARRAY_TASK_ID"] = "\(index)"
            let task = try runProcess(cartpoleBinary, ["compare", "--task", sweep.path], environment: environment)
            #expect(task.status == 0, "\(task.stderr)")
        }
        let tabulated = try cartpole("compare", "--from", sweep.path)
        #expect(
            tabulated.stderr.contains("tasks to run again: 4; on Slurm: sbatch --array=4 \(sweep.path)/sweep.sbatch"))
        #expect(
            files(in: sweep).contains("sweep.sbatch") && files(in: sweep).contains("tabulate.sbatch"),
            "tabulating keeps the scripts")
        #expect(try verifiedManifest(sweep, others: ["runs", "logs"]).command == "compare")
    }

    @Test func valuesThatWouldBreakTheScriptAreRefused() throws {
        for (arguments, message) in [
            (
                ["--partition", "a\nexec rm -rf ~"],
                "--partition 'a\\u{A}exec rm -rf ~' is empty or holds a control character"
            ),
            (["--sbatch", ""], "--sbatch '' is empty"),
            (["--out", "/tmp/a folder"], "holds a space or a control character"),
        ] {
            let result = try runProcess(
                cartpoleBinary,
                ["compare", "--slurm", "--frames", "300", "--seeds", "1"] + arguments
                    + (arguments.contains("--out") ? [] : ["--out", "/nonexistent-dir/x"]))
            #expect(result.status == 64 && result.stderr.contains(message), "\(result.stderr)")
        }
        let alone = try cartpole("compare", "--partition", "short")
        #expect(alone.status == 64 && alone.stderr.contains("--partition, --account and --sbatch go with --slurm"))
    }
}
