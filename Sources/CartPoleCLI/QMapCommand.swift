import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import Render

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

    @Option(
        help: AgentFile.help
    )
    var agent: [String]
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

    func validate() throws {
        try validateOutputFolder(out)
        guard cartPosition.isFinite && abs(cartPosition) <= 2.4 else {
            throw ValidationError("--x must be within ±2.4 m, the track (got \(cartPosition))")
        }
        guard cartVelocity.isFinite && abs(cartVelocity) <= 10 else {
            throw ValidationError("--x-dot must be within ±10 m/s (got \(cartVelocity))")
        }
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
        guard !agent.isEmpty else { throw ValidationError("give an agent with --agent") }
        if video && figures.given {
            throw ValidationError("the figure options apply to qmap's figure, not to its --video")
        }
        try Kernels.validateForCLI()
    }

    func run() throws {
        let (agents, environment) = try AgentFile.players(agent, env: env)
        let folder = try openResultFolder(out, command: "qmap", outputs: Self.outputs)
        let figures = try self.figures.output
        let written = try QMapFigure.write(
            agents, environment: environment, seed: seed, cartPosition: cartPosition, cartVelocity: cartVelocity,
            video: video, figures: figures, into: folder.staging,
            progress: { done, total in
                Console.status("qmap: \(done)/\(total) maps" + (Console.stderrIsTerminal ? "\r" : "\n"))
            },
            note: Console.message)
        if video && Console.stderrIsTerminal { Console.status("\n") }
        try folder.commit(
            settings: [
                "agent": agent.joined(separator: "\n"), "video": "\(video)", "env": environment.rawValue,
                "seed": "\(seed ?? agents[0].seed)", "x": "\(cartPosition)", "x-dot": "\(cartVelocity)",
            ].merging(video ? [:] : figures.settings) { $1 })
        for file in written { Console.result(folder.final(file.lastPathComponent).path) }
    }

    /// What qmap writes into its folder.
    static let outputs = FigureOutput.names("qmap") + ["qmap.mp4"]
}
