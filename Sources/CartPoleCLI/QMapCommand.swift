import Agent
import ArgumentParser
import CartPoleKit
import Foundation

struct QMapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qmap",
        abstract: "Draw an agent's Q-function: greedy action and max Q over pole angle and angular velocity.",
        discussion: """
            Two heatmaps over pole angle (x) and pole angular velocity (y), with the cart at --x and --x-dot \
            (at rest at the centre by default): the greedy action, and the larger Q-value with a colour bar. The \
            termination angles (±12°) are dashed, and a greedy episode's path (its first state from --seed) is drawn \
            over both. With several agents (repeat --agent, or name a folder of checkpoints): one max-Q panel each, on \
            one colour scale (at most 8, chosen evenly); with --video, an MP4 showing each agent's two panels in turn. \
            Writes DIR/qmap.png (or the formats --figure-format names), or DIR/qmap.mp4 with --video.
            """)

    @Option(help: ArgumentHelp(AgentInput.help)) var agent: [String]
    @Option(help: "Folder for qmap.png or qmap.mp4 (created if missing; an earlier qmap's outputs there are replaced).")
    var out = "videos/qmap"
    @Flag(help: "Write a video stepping through the agents' maps (a second each) instead of one figure.")
    var video = false
    @Option(help: "Environment id of the episode drawn over the map; by default the agent's.")
    var env: String?
    @Option(help: "Seed of the episode drawn over the map; by default the agent's training seed.")
    var seed: UInt64?
    @OptionGroup var figures: FigureOptions
    @Option(name: .customLong("x"), parsing: .unconditional, help: "Cart position of the slice (m).")
    var cartPosition = 0.0
    @Option(name: .customLong("x-dot"), parsing: .unconditional, help: "Cart velocity of the slice (m/s).")
    var cartVelocity = 0.0

    func run() throws {
        var job = QMapJob(agents: agent)
        job.video = video
        job.environment = try env.map(EnvironmentID.validatingForCLI)
        job.seed = seed
        (job.cartPosition, job.cartVelocity) = (cartPosition, cartVelocity)
        job.figures = figures.given ? try figures.output : nil
        job.progress = { done, total in
            Console.status("qmap: \(done)/\(total) maps" + (Console.stderrIsTerminal ? "\r" : "\n"))
        }
        let written = try job.run(in: out, context: .cli(Interrupts()))
        if video && Console.stderrIsTerminal { Console.status("\n") }
        for file in written { Console.result(file.path) }
    }
}
