import Agent
import ArgumentParser
import Foundation

struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Play greedy test episodes with a saved agent and write each as an MP4.",
        discussion: "Writes DIR/rl-video-episode-{i}.mp4 (Gymnasium's RecordVideo naming; .webm with --format webm) and prints each episode's return, length and file.")

    @Option(help: "The agent: a checkpoint of `cartpole train` or `run` (agent.safetensors, best.safetensors), or any safetensors file of the notebook's network.")
    var agent: String
    @Option(help: "Folder for the videos (created if missing).")
    var out = "videos"
    @Option(help: "Environment id; by default the one the agent was trained on.")
    var env: String?
    @Option(help: "Seed of the episodes' starting states; by default the agent's training seed.")
    var seed: UInt64?
    @OptionGroup(title: "Recording") var recording: RecordingOptions

    func validate() throws {
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
    }

    func run() throws {
        let (checkpoint, environment) = try AgentFile.load(agent, env: env)
        let folder = try prepareOutputFolder(out)
        let interrupts = Interrupts()
        interrupts.install()
        let recording = TestEpisodeVideos(network: checkpoint.network, environment: environment,
                                         seed: seed ?? checkpoint.seed, options: recording, folder: folder,
                                         interrupts: interrupts)
        do {
            _ = try recording.run { result in
                print("episode \(result.index): return \(Int(result.returnValue)), length \(result.length), \(result.url.path)")
            }
        } catch is TestEpisodeVideos.Interrupted {
            Console.message("interrupted; the unfinished video was removed")
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
