import Foundation
import TestSupport
import Testing

@Suite struct CLIHelpTests {
    static let subcommands = ["run", "train", "record", "plot", "eval", "compare", "qmap"]

    /// Every subcommand's help: its usage, every --out a folder, no default said twice, every format named.
    @Test(arguments: subcommands)
    func everySubcommandHasTrueHelp(_ subcommand: String) throws {
        let result = try runProcess(cartpoleBinary, [subcommand, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: cartpole \(subcommand)"))
        let help = result.stdout.replacingOccurrences(of: "\n ", with: " ").split(separator: " ").filter { !$0.isEmpty }
            .joined(separator: " ")
        #expect(help.contains("--out <out> Folder for"), "\(subcommand): --out names a folder")
        #expect(help.firstMatch(of: /\(default:[^)]*\)\.? \(default:/) == nil, "\(subcommand): no default given twice")
        if ["run", "record"].contains(subcommand) { #expect(help.contains("mp4 (H.264), webm (VP9) or gif")) }
    }

    @Test func anUnknownOptionIsAnErrorWithoutAStackTrace() throws {
        let result = try runProcess(cartpoleBinary, ["train", "--no-such-option"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no-such-option"))
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// The line printed after --emit-tasks runs as shown when pasted into a shell, whatever the folder is called.
    @Test func theHintAfterEmittingIsOneShellCommand() throws {
        let folder = try Fixtures.temporaryDirectory("hint")
        let out = folder.appendingPathComponent("my sweep;touch PWNED;$(touch ID)'x").path
        let result = try runProcess(
            cartpoleBinary,
            [
                "compare", "--seeds", "1", "--emit-tasks", folder.appendingPathComponent("t.txt").path,
                "--out", out,
            ], currentDirectory: folder)
        #expect(result.status == 0, "\(result.stderr)")
        let hint = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("then: ") }).dropFirst(6)
        let words = try runProcess(
            "/bin/sh", ["-c", "set -- \(hint); printf '%s\\n' \"$@\""], currentDirectory: folder)
        #expect(
            words.stdout.split(separator: "\n").map(String.init) == [
                String(hint.prefix { $0 != " " }), "compare", "--from", out,
            ])
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("PWNED").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("ID").path))
    }
}
