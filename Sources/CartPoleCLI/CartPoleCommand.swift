import ArgumentParser

@main
struct CartPoleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cartpole",
        abstract: "Train an N-step DQN agent on CartPole, record its episodes as MP4 and plot its training.",
        discussion: """
        With no subcommand, `cartpole` runs `cartpole run`: it trains with the notebook's settings, \
        then records test episodes and writes the training plot into videos/.
        """,
        version: "0.1.0",
        subcommands: [RunCommand.self, TrainCommand.self, RecordCommand.self, PlotCommand.self],
        defaultSubcommand: RunCommand.self
    )
}
