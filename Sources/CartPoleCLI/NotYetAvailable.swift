import ArgumentParser

/// Said by a subcommand whose feature has not landed yet: it never pretends to work.
struct NotYetAvailable: Error, CustomStringConvertible {
    let command: String
    var description: String { "`cartpole \(command)` is not available yet in this version" }
}
