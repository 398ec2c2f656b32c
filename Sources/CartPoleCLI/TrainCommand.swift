import ArgumentParser

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the agent and write metrics.csv and agent.safetensors.")

    func run() throws { throw NotYetAvailable(command: "train") }
}
