import Foundation
import Testing
import TestSupport

/// The built `cartpole` binary, beside the test bundle in the build folder.
let cartpoleBinary: String = {
    var url = Bundle.main.bundleURL
    for _ in 0..<4 where !FileManager.default.fileExists(atPath: url.appendingPathComponent("cartpole").path) {
        url = url.deletingLastPathComponent()
    }
    return url.appendingPathComponent("cartpole").path
}()

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
