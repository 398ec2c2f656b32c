import ArgumentParser

struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Render the training plot (PNG) from a metrics.csv.")

    func run() throws { throw NotYetAvailable(command: "plot") }
}
