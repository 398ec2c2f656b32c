import ArgumentParser

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Play greedy test episodes with a saved agent and write each as an MP4.")

    func run() throws { throw NotYetAvailable(command: "record") }
}
