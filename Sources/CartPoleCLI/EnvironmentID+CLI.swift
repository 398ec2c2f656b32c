import Agent
import ArgumentParser
import CartPoleKit

extension EnvironmentID {
    /// An environment id from the command line, as a validation error when unknown.
    static func validatingForCLI(_ id: String) throws -> EnvironmentID {
        do { return try EnvironmentID(validating: id) } catch { throw ValidationError(error.description) }
    }
}
