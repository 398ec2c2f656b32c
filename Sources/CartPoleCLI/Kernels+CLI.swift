import Agent
import ArgumentParser
import CartPoleKit

extension Kernels {
    /// Checks, before any output is made, that the network's kernels can run: `CARTPOLE_KERNELS`, when set,
    /// must name kernels this processor runs.
    static func validateForCLI() throws {
        do { _ = try Kernels.load() } catch { throw ValidationError(error.description) }
    }
}
