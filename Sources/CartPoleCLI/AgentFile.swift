import Agent
import CartPoleKit
import Foundation

/// Loads `--agent` for the commands that play it: the checkpoint and the environment to play, which is
/// `--env` when given, else the checkpoint's, else (a foreign file without one) CartPole-v0 with a note.
enum AgentFile {
    /// The agents `--agent` names (files, or folders of checkpoints or runs), saying what was passed over.
    static func players(_ paths: [String]) throws -> [GridVideo.Player] {
        do { return try GridVideo.agents(paths, note: Console.message) } catch let error as GridVideo.NoCheckpoints {
            throw CommandFailure(description: "--agent \(error)")
        }
    }

    static func load(_ path: String, env: String?) throws -> (checkpoint: Checkpoint, environment: EnvironmentID) {
        let url = URL(fileURLWithPath: path)
        try ResultInput.check(url, note: Console.message)
        let checkpoint = try Checkpoint.read(from: url)
        if let env { return (checkpoint, try EnvironmentID.validatingForCLI(env)) }
        if checkpoint.foreign && !checkpoint.environmentFromFile {
            Console.message(
                "note: \(path) was not written by cartpole and names no environment; playing CartPole-v0 (choose with --env)"
            )
        }
        return (checkpoint, checkpoint.environment)
    }
}
