import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

@main
struct CartPoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartpole",
        abstract: "Train an N-step DQN agent on CartPole, record its episodes as MP4 and plot its training.",
        discussion: """
            With no subcommand, `cartpole` runs `cartpole run`: it trains with the notebook's settings, \
            then records test episodes and writes the training plot into videos/.
            """,
        version: "0.2.0",
        subcommands: [
            RunCommand.self, TrainCommand.self, RecordCommand.self, PlotCommand.self, EvalCommand.self,
            CompareCommand.self, QMapCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// Like ArgumentParser's `main()`, but a failure is one line on stderr (`error: …`), without the usage
    /// block, so that scripts and people see just what went wrong; `--help` and `--version` are unchanged.
    /// A result that could not be written to stdout fails the command too.
    static func main() {
        Console.prepareStreams()
        do {
            try checkSubcommandName(Array(CommandLine.arguments.dropFirst()))
            var command = try parseNamingMistypedOptions(Array(CommandLine.arguments.dropFirst()))
            try command.run()
            try Console.checkResultsDelivered()
        } catch {
            let job = error as? JobError
            let code = job.map { $0.isUsage ? ExitCode.validationFailure : .failure } ?? exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            // The library's messages name settings; here they are the options of the same names.
            let text = (error as? any SettingTextError)?.text.worded(optionName) ?? message(for: error)
            // ArgumentParser's own lines after the message (usage, help) are left out; a line break inside the
            // message (from a file's name) is part of it, which Console.message shows escaped on one line.
            let message = ["\nUsage:", "\nHelp:", "\n  Usage:"].reduce(text) { text, marker in
                text.range(of: marker).map { String(text[..<$0.lowerBound]) } ?? text
            }.trimmingCharacters(in: .newlines)
            if !message.isEmpty { Console.message("error: \(message)") }
            Foundation.exit(code.rawValue)
        }
    }

    /// `parseAsRoot`, except that a mistyped required option (`--agnet`) is reported as the unknown option
    /// it is, with ArgumentParser's suggestion, rather than as the missing one: ArgumentParser reports a
    /// missing option first, so the arguments are parsed again with the missing ones given (parsing runs
    /// nothing) to find the unknown one.
    static func parseNamingMistypedOptions(_ arguments: [String]) throws -> ParsableCommand {
        do { return try parseAsRoot(arguments) } catch {
            let missing = "Missing expected argument '"
            var filled = arguments
            var text = message(for: error)
            for _ in 0..<8 {
                guard text.hasPrefix(missing + "--"),
                    let name = text.dropFirst(missing.count).split(whereSeparator: { $0 == " " || $0 == "'" }).first
                else { break }
                filled += [String(name), "x"]
                do {
                    _ = try parseAsRoot(filled)
                    break
                } catch let retry {
                    text = message(for: retry)
                    if text.hasPrefix("Unknown option") { throw retry }
                }
            }
            throw error
        }
    }
}
