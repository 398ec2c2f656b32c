import Agent
import CartPoleKit
import Foundation

/// Loads `--agent` for the commands that play it, with the environment to play: `--env` when given, else
/// the (first) checkpoint's, else (a foreign file without one) CartPole-v0 with a note.
enum AgentFile {
    /// The agents `--agent` names (files, or folders of checkpoints or runs), saying what was passed over.
    static func players(_ paths: [String], env: String?) throws -> (
        agents: [GridVideo.Player], environment: EnvironmentID
    ) {
        let agents: [GridVideo.Player]
        do { agents = try GridVideo.agents(paths, note: Console.message) } catch let error as GridVideo.NoCheckpoints {
            throw CommandFailure(description: "--agent \(error)")
        }
        let single = paths.count == 1 && !FolderListing.isFolder(paths[0])
        return (agents, try environment(env, of: agents[0], path: single ? paths[0] : agents[0].name))
    }

    static func load(_ path: String, env: String?) throws -> (checkpoint: Checkpoint, environment: EnvironmentID) {
        let url = URL(fileURLWithPath: path)
        try ResultInput.check(url, note: Console.message)
        let checkpoint = try Checkpoint.read(from: url)
        return (checkpoint, try environment(env, of: GridVideo.Player(name: path, checkpoint: checkpoint), path: path))
    }

    private static func environment(_ env: String?, of agent: GridVideo.Player, path: String) throws -> EnvironmentID {
        if let env { return try EnvironmentID.validatingForCLI(env) }
        if !agent.environmentFromFile {
            Console.message(
                "note: \(path) was not written by cartpole and names no environment; playing CartPole-v0 (choose with --env)"
            )
        }
        return agent.environment
    }
}
