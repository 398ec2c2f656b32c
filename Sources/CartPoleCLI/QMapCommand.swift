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
            one colour scale; with --video, an MP4 showing each agent's two panels in turn. Writes DIR/qmap.png, or \
            DIR/qmap.mp4 with --video.
            """)

    @Option(
        help: "The agent: a checkpoint of `cartpole train` or `run`, or any safetensors file of the notebook's network."
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
        try Kernels.validateForCLI()
    }

    func run() throws {
        if agent.count > 1 || video || FolderListing.isFolder(agent[0]) {
            return try several()
        }
        let (checkpoint, environment) = try AgentFile.load(agent[0], env: env)
        let folder = try openResultFolder(out, command: "qmap", outputs: Self.outputs)
        try QMapFigure.write(
            checkpoint.network, environment: environment, seed: seed ?? checkpoint.seed,
            to: folder.staging.appendingPathComponent("qmap.png"), cartPosition: cartPosition,
            cartVelocity: cartVelocity)
        try folder.commit(settings: optionValues(seed: seed ?? checkpoint.seed, environment: environment))
        Console.result(folder.final("qmap.png").path)
    }

    /// What qmap writes into its folder.
    static let outputs = ["qmap.png", "qmap.mp4"]

    /// The options by name, as the manifest records them.
    private func optionValues(seed: UInt64, environment: EnvironmentID) -> [String: String] {
        [
            "agent": agent.joined(separator: "\n"), "video": "\(video)", "env": environment.rawValue, "seed": "\(seed)",
            "x": "\(cartPosition)", "x-dot": "\(cartVelocity)",
        ]
    }

    /// Several agents: a max-Q panel each on one colour scale, or a video of each agent's two panels.
    private func several() throws {
        let agents = try AgentFile.players(agent)
        guard agents.count <= 64 else {
            throw ValidationError("--agent names \(agents.count) agents; qmap takes at most 64")
        }
        let environment = try env.map(EnvironmentID.validatingForCLI) ?? agents[0].environment
        let folder = try openResultFolder(out, command: "qmap", outputs: Self.outputs)
        let settings = optionValues(seed: seed ?? agents[0].seed, environment: environment)
        let maps = agents.map { QMap($0.network, cartPosition: cartPosition, cartVelocity: cartVelocity) }
        if video {
            let videoURL = folder.staging.appendingPathComponent("qmap.mp4")
            let encoder = try VideoEncoder(url: videoURL, width: 1600, height: 600, settings: VideoSettings(fps: 25))
            for (agent, map) in zip(agents, maps) {
                let episode = try QMapFigure.greedyPath(
                    agent.network, environment: environment, seed: seed ?? agent.seed)
                var figure = QMapFigure.figure(map, path: episode.path, episodeReturn: episode.return)
                figure.panels[0].title = "\(agent.name): greedy action"
                let canvas = try figure.render(width: 1600, height: 600)
                for _ in 0..<25 { try encoder.append(canvas) }
            }
            try encoder.finish()
            try folder.commit(settings: settings)
            Console.result(folder.final("qmap.mp4").path)
            return
        }
        let values = maps.flatMap { $0.maxQ.flatMap { $0 } }
        let range = (values.min() ?? 0)...(values.max() ?? 1)
        let marks = [-CartPole.thetaThreshold, CartPole.thetaThreshold].map {
            ReferenceLine("termination angle", $0, colour: .red, vertical: true)
        }
        let panels = zip(agents, maps).map { agent, map in
            PlotPanel(
                title: "\(agent.name): max Q", xLabel: "pole angle (rad); angular velocity upwards", series: [],
                heatmap: PlotHeatmap(
                    values: map.maxQ, x: map.angles, y: map.angularVelocities, colours: .viridis(range: range),
                    label: "max Q"),
                references: marks)
        }
        let columns = min(agents.count, 4)
        let rows = (agents.count + columns - 1) / columns
        try PlotFigure(panels: panels, columns: columns).render(width: 600 * columns, height: 420 * rows)
            .writePNG(to: folder.staging.appendingPathComponent("qmap.png"))
        try folder.commit(settings: settings)
        Console.result(folder.final("qmap.png").path)
    }
}
