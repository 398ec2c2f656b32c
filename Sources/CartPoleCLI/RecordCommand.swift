import Agent
import ArgumentParser
import CartPoleKit
import Foundation

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Play greedy test episodes with a saved agent and write each as an MP4.",
        discussion: """
            Writes DIR/rl-video-episode-{i}.mp4 (Gymnasium's RecordVideo naming; .webm with --format webm) and prints each \
            episode's return, length and file. With several agents (repeat --agent, or name a folder of checkpoints such \
            as a run's checkpoints/ or a compare's runs/) or --layout grid: DIR/rl-video-grid.mp4, every agent playing \
            one greedy episode from the same start state in lockstep, a labelled tile each; --size is the whole video's.
            """)

    @Option(
        help:
            "The agent: a checkpoint of `cartpole train` or `run` (agent.safetensors, best.safetensors), or any safetensors file of the notebook's network."
    )
    var agent: [String]
    @Option(
        help:
            "With several agents: grid (side by side, in lockstep) or sequence (one after another, each opened by a title)."
    )
    var layout: String?
    @Option(help: "Folder for the videos (created if missing; the videos of an earlier record there are replaced).")
    var out = "videos/record"
    @Option(help: "Environment id; by default the one the agent was trained on.")
    var env: String?
    @Option(help: "Seed of the episodes' starting states; by default the agent's training seed.")
    var seed: UInt64?
    @OptionGroup(title: "Recording") var recording: RecordingOptions

    func validate() throws {
        try validateOutputFolder(out)
        guard !agent.isEmpty else { throw ValidationError("give an agent with --agent") }
        if let layout, !["grid", "sequence"].contains(layout) {
            throw ValidationError("unknown --layout '\(layout)'; use grid or sequence")
        }
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
        try Kernels.validateForCLI()
    }

    /// What record writes into its folder (`fnmatch` patterns).
    static let outputs = ["rl-video-*"]

    /// The options by name, as the manifest records them.
    private func optionValues(seed: UInt64, environment: EnvironmentID) -> [String: String] {
        recording.optionValues.merging([
            "agent": agent.joined(separator: "\n"), "layout": layout ?? "", "env": environment.rawValue,
            "seed": "\(seed)",
        ]) { $1 }
    }

    func run() throws {
        if agent.count > 1 || layout != nil || FolderListing.isFolder(agent[0]) { return try recordGrid() }
        let (checkpoint, environment) = try AgentFile.load(agent[0], env: env)
        let folder = try openResultFolder(out, command: "record", outputs: Self.outputs)
        let interrupts = Interrupts()
        interrupts.install()
        var recording = TestEpisodeVideos(
            network: checkpoint.network, environment: environment, seed: seed ?? checkpoint.seed,
            settings: try self.recording.recordingSettings(), folder: folder.staging)
        recording.shouldStop = { interrupts.requested }
        recording.warn = { Console.message("warning: \($0)") }
        let results: [TestEpisodeVideos.Result]
        do {
            results = try recording.run { result in
                Console.message(
                    "recorded episode \(result.index): return \(Int(result.returnValue)), length \(result.length)")
            }
        } catch is TestEpisodeVideos.Interrupted {
            Console.message("interrupted; nothing written, \(folder.url.relativePath) is as it was")
            throw ExitCode(interrupts.exitStatus)
        }
        try folder.commit(settings: optionValues(seed: seed ?? checkpoint.seed, environment: environment))
        for result in results {
            Console.result(
                "episode \(result.index): return \(Int(result.returnValue)), length \(result.length), \(folder.final(result.url.lastPathComponent).path)"
            )
        }
    }

    /// Every agent in one video: a grid, or a sequence with title cards.
    private func recordGrid() throws {
        let agents = try AgentFile.players(agent)
        guard agents.count <= 64 else {
            throw ValidationError("--agent names \(agents.count) agents; a grid takes at most 64")
        }
        let environment = try env.map(EnvironmentID.validatingForCLI) ?? agents[0].environment
        let folder = try openResultFolder(out, command: "record", outputs: Self.outputs)
        let interrupts = Interrupts()
        interrupts.install()
        let (width, height) = try recording.dimensions
        let sequence = layout == "sequence"
        let name = "rl-video-\(sequence ? "sequence" : "grid").\(recording.format)"
        let url = folder.staging.appendingPathComponent(name)
        var grid = GridVideo(agents: agents, environment: environment, seed: seed ?? agents[0].seed)
        grid.warn = { Console.message("warning: \($0)") }
        let played: [GridVideo.Episode]
        do {
            played =
                sequence
                ? try grid.writeSequence(
                    to: url, width: width, height: height, settings: recording.settings,
                    titleFrames: recording.fps
                ) { interrupts.requested }
                : try grid.write(to: url, width: width, height: height, settings: recording.settings) {
                    interrupts.requested
                }
        } catch is TestEpisodeVideos.Interrupted {
            Console.message("interrupted; nothing written, \(folder.url.relativePath) is as it was")
            throw ExitCode(interrupts.exitStatus)
        }
        try folder.commit(settings: optionValues(seed: seed ?? agents[0].seed, environment: environment))
        for (agent, episode) in zip(agents, played) {
            Console.result(
                "\(agent.name): return \(Int(episode.returns.last!)), length \(episode.length), \(episode.ending)")
        }
        Console.result("video:   \(folder.final(name).path)")
    }
}
