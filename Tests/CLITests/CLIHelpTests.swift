import Foundation
import Testing
import TestSupport

@Suite struct CLIHelpTests {
    @Test(arguments: ["run", "train", "record", "plot"])
    func everySubcommandHasHelp(_ subcommand: String) throws {
        let result = try runProcess(cartpoleBinary, [subcommand, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: cartpole \(subcommand)"))
    }

    @Test func anUnknownOptionIsAnErrorWithoutAStackTrace() throws {
        let result = try runProcess(cartpoleBinary, ["train", "--no-such-option"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no-such-option"))
        #expect(!result.stderr.contains("Fatal error"))
    }
}
