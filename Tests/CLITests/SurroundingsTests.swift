import Foundation
import TestSupport
import Testing

/// What the surroundings do to every command: closed and full standard streams, output paths that are
/// devices, FIFOs or folders. No command may crash, lose its results silently, or replace such a path.
@Suite struct SurroundingsTests {
    /// A small agent and its metrics, trained once.
    static let trained = trainedFolder(
        "surroundings-agent",
        ["--frames", "300", "--eval-every", "100", "--eval-episodes", "2", "--checkpoint-every", "150"])

    /// Every subcommand, small, writing into `out`.
    static func commands(out: String) -> [[String]] {
        let agent = trained.appendingPathComponent("agent.safetensors").path
        return [
            ["run", "--frames", "200", "--hidden", "8", "--episodes", "1", "--size", "64x48", "--out", out],
            ["train", "--frames", "200", "--hidden", "8", "--out", out],
            ["record", "--agent", agent, "--episodes", "1", "--size", "64x48", "--out", out],
            [
                "plot", "--metrics", trained.appendingPathComponent("metrics.csv").path, "--size", "600x300", "--out",
                out,
            ],
            ["eval", "--agent", agent, "--episodes", "3", "--out", out],
            [
                "compare", "--frames", "200", "--hidden", "8", "--eval-every", "100", "--eval-episodes", "1", "--seeds",
                "1", "--out", out,
            ],
            ["qmap", "--agent", agent, "--out", out],
        ]
    }

    /// Runs `cartpole` through the shell with `redirections` applied to it.
    func cartpole(_ arguments: [String], redirections: String) throws -> ProcessResult {
        try runProcess("/bin/sh", ["-c", "exec \"$0\" \"$@\" \(redirections)", cartpoleBinary] + arguments)
    }

    @Test func aClosedOrFullStderrNeverStopsTheWork() throws {
        for redirection in ["2>&-", "2>/dev/full"] {
            let folder = try Fixtures.temporaryDirectory("stderr")
            for (index, command) in Self.commands(out: folder.appendingPathComponent("out\(redirection.count)").path)
                .enumerated()
            {
                let out = folder.appendingPathComponent("c\(index)")
                let arguments = Array(command.dropLast()) + [out.path]
                let result = try cartpole(arguments, redirections: redirection)
                #expect(result.status == 0, "\(command[0]) \(redirection): exit \(result.status)")
                #expect(!result.stdout.isEmpty, "\(command[0]) \(redirection): its results still on stdout")
                let manifest = try verifiedManifest(out, others: ["runs"])
                #expect(manifest.state == .complete && manifest.command == command[0])
            }
        }
    }

    @Test func aFullOrClosedStdoutFailsTheCommandAndSaysSo() throws {
        for redirection in [">/dev/full", ">&-"] {
            let folder = try Fixtures.temporaryDirectory("stdout")
            for (index, command) in Self.commands(out: "").enumerated() {
                let out = folder.appendingPathComponent("c\(index)")
                let result = try cartpole(Array(command.dropLast()) + [out.path], redirections: redirection)
                #expect(result.status == 1, "\(command[0]) \(redirection): exit \(result.status)")
                #expect(
                    result.stderr.hasSuffix(
                        "error: cannot write the results to standard output ("
                            + (redirection == ">&-" ? "Bad file descriptor" : "No space left on device")
                            + "); the files were written\n"),
                    "\(command[0]) \(redirection): \(result.stderr)")
                _ = try verifiedManifest(out, others: ["runs"])
            }
        }
    }

    @Test func anOutputThatIsADeviceAFIFOOrAFileIsRefusedBeforeAnyWork() throws {
        let folder = try Fixtures.temporaryDirectory("not-a-folder")
        let fifo = folder.appendingPathComponent("fifo")
        let device = folder.appendingPathComponent("null")
        let file = folder.appendingPathComponent("file")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        let made = mknod(device.path, S_IFCHR | 0o666, dev_t(1 << 8 | 3))  // makedev(1, 3): /dev/null's numbers
        try Data("x".utf8).write(to: file)
        let targets = [fifo, file] + (made == 0 ? [device] : [URL(fileURLWithPath: "/dev/null")])
        for target in targets {
            for command in Self.commands(out: target.path) {
                let result = try runProcess(cartpoleBinary, command)
                #expect(result.status == 64, "\(command[0]) --out \(target.lastPathComponent)")
                #expect(
                    result.stderr
                        == "error: --out \(target.path) exists and is not a folder; choose a folder for the outputs\n",
                    "\(command[0]): \(result.stderr)")
            }
            let emit = try runProcess(
                cartpoleBinary,
                ["compare", "--emit-tasks", target.path, "--out", folder.appendingPathComponent("c").path])
            if target == file {
                #expect(emit.status == 0, "a regular file is replaced: \(emit.stderr)")
            } else {
                #expect(emit.status == 64 && emit.stderr.contains("exists and is not a regular file"), "\(emit.stderr)")
            }
        }
        let emitFolder = try runProcess(
            cartpoleBinary, ["compare", "--emit-tasks", folder.path, "--out", folder.appendingPathComponent("c").path])
        #expect(
            emitFolder.status == 64 && emitFolder.stderr.contains("exists and is not a regular file"),
            "\(emitFolder.stderr)")
        var status = stat()
        #expect(lstat(fifo.path, &status) == 0 && status.st_mode & S_IFMT == S_IFIFO, "the FIFO is still a FIFO")
        if made == 0 {
            #expect(
                lstat(device.path, &status) == 0 && status.st_mode & S_IFMT == S_IFCHR, "the device is still a device")
        }
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix(cartpoleBinary), "the tasks replaced the file")
        let toStdout = try runProcess(
            cartpoleBinary,
            ["compare", "--emit-tasks", "-", "--seeds", "3", "--out", folder.appendingPathComponent("d").path])
        #expect(toStdout.status == 0)
        #expect(toStdout.stdout.split(separator: "\n").count == 3, "- is standard output")
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("d/-").path))
        let empty = try runProcess(cartpoleBinary, ["train", "--out", ""])
        #expect(
            empty.status == 64 && empty.stderr == "error: --out is empty; name a folder for the outputs\n",
            "\(empty.stderr)")
    }
}
