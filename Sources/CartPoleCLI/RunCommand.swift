import ArgumentParser

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train, then record test episodes and plot the training (the default).")

    func run() throws { throw NotYetAvailable(command: "run") }
}
