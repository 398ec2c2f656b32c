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
        defer { try? FileManager.default.removeItem(at: folder) }
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

    @Test func badIndicesAndFoldersAreRefusedInOneLine() throws {
        let folder = try Fixtures.temporaryDirectory("tasks-bad")
        defer { try? FileManager.default.removeItem(at: folder) }
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
        #expect(none.status == 64 && none.stderr.hasPrefix("error: give --index I, or run as a task of an array job"))
        environment["SLURM_ARRAY_TASK_ID"] = "3; rm -rf /"
        let hostile = try runProcess(cartpoleBinary, ["compare", "--task", sweep], environment: environment)
        #expect(hostile.status == 64 && hostile.stderr.contains("not a task index"))
        #expect(files(in: URL(fileURLWithPath: sweep)) == ["manifest.json", "plan.json"], "nothing was run")
    }
}
