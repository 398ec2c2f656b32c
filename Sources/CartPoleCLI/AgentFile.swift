import Agent
import ArgumentParser
import CartPoleKit
import FileFormats
import Foundation

/// Loads `--agent` for the commands that play it, with the environment to play: `--env` when given, else
/// the (first) agent's file's, else (a file that names none) CartPole-v0 with a note.
enum AgentFile {
    /// `--agent`'s help, the same for every command that plays agents.
    static let help: ArgumentHelp =
        "The agent: a checkpoint of `cartpole train` or `run` (agent.safetensors), a Stable-Baselines3 or RL Zoo DQN .zip, a PyTorch state dict (.pt, .pth, CleanRL's .cleanrl_model) or a safetensors state dict of a multilayer perceptron 4 → ... → 2."

    /// The agents `--agent` names (files, or folders of checkpoints or runs), saying what was passed over.
    static func players(_ paths: [String], env: String?) throws -> (
        agents: [GridVideo.Player], environment: EnvironmentID
    ) {
        let agents: [GridVideo.Player]
        do { agents = try GridVideo.agents(paths, note: Console.message) } catch let error as GridVideo.NoCheckpoints {
            throw CommandFailure(description: "--agent \(error)")
        } catch let error as GridVideo.TooManyAgents {
            throw ValidationError("--agent \(error)")
        }
        for note in Set(agents.flatMap(\.agent.notes)).sorted() { Console.message("note: \(note)") }
        let single = paths.count == 1 && !FolderListing.isFolder(paths[0])
        return (agents, try environment(env, of: agents[0].agent, path: single ? paths[0] : agents[0].name))
    }

    static func load(_ path: String, env: String?) throws -> (agent: TrainedAgent, environment: EnvironmentID) {
        let url = URL(fileURLWithPath: path)
        try ResultInput.check(url, note: Console.message)
        let agent = try TrainedAgent.read(from: url)
        for note in agent.notes { Console.message("note: \(note)") }
        return (agent, try environment(env, of: agent, path: path))
    }

    private static func environment(_ env: String?, of agent: TrainedAgent, path: String) throws -> EnvironmentID {
        if let env { return try EnvironmentID.validatingForCLI(env) }
        if !agent.environmentFromFile {
            Console.message(
                "note: \(path) names no environment (\(agent.kind)); playing CartPole-v0 (choose with --env)")
        }
        return agent.environment
    }
}
