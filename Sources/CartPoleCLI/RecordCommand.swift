import Agent
import ArgumentParser
import CartPoleKit
import Foundation

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Play greedy test episodes with a saved agent and write each as an MP4 (or WebM, or GIF).",
        discussion: """
            Writes DIR/rl-video-episode-{i}.mp4 (Gymnasium's RecordVideo naming; .webm with --format webm, .gif with --format gif) and prints each \
            episode's return, length and file. With several agents (repeat --agent, or name a folder of checkpoints such \
            as a run's checkpoints/ or a compare's runs/) or --layout grid: DIR/rl-video-grid.mp4, every agent playing \
            one greedy episode from the same start state in lockstep, a labelled tile each; --size is the whole video's.
            """)

    @Option(help: ArgumentHelp(AgentInput.help)) var agent: [String]
    @Option(
        help:
            "episodes (one agent's, each its own video; the default for one agent file), grid (several side by side, in lockstep; the default for several) or sequence (one after another, each opened by a title)."
    )
    var layout: RecordWorkflow.Layout?
    @Option(help: "Folder for the videos (created if missing; the videos of an earlier record there are replaced).")
    var out = "videos/record"
    @Option(help: "Environment id; by default the one the agent was trained on.")
    var env: String?
    @Option(help: "Seed of the episodes' starting states; by default the agent's training seed.")
    var seed: UInt64?
    @OptionGroup(title: "Recording") var recording: RecordingOptions

    func run() throws {
        var job = RecordJob(agents: agent)
        job.layout = layout
        job.environment = try env.map(EnvironmentID.validatingForCLI)
        job.seed = seed
        job.recording = try recording.settings
        job.warn = { Console.message("warning: \($0)") }
        job.recorded = { result in
            Console.message(
                "recorded episode \(result.index): return \(Int(result.returnValue)), length \(result.length)")
        }
        let interrupts = Interrupts()
        interrupts.install()
        let result: RecordWorkflow.Result
        do { result = try job.run(in: out, context: .cli(interrupts)) } catch is TestEpisodeVideos.Interrupted {
            Console.message("interrupted; nothing written, \(URL(fileURLWithPath: out).relativePath) is as it was")
            throw ExitCode(interrupts.exitStatus)
        }
        let folder = URL(fileURLWithPath: out)
        switch result {
        case .episodes(let episodes):
            for episode in episodes {
                Console.result(
                    "episode \(episode.index): return \(Int(episode.returnValue)), length \(episode.length), \(folder.appendingPathComponent(episode.url.lastPathComponent).path)"
                )
            }
        case .together(let url, let played):
            for (agent, episode) in played {
                Console.result(
                    "\(agent.name): return \(Int(episode.returns.last ?? 0)), length \(episode.length), \(episode.ending.text)"
                )
            }
            Console.result("video:   \(folder.appendingPathComponent(url.lastPathComponent).path)")
        }
    }
}

extension RecordWorkflow.Layout: ExpressibleByArgument {}
