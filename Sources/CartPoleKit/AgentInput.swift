import Agent
import FileFormats
import Foundation
import OutputFiles

/// The agents a job plays, read from the paths it was given, with the environment to play: the one given,
/// else the (first) agent's file's, else (a file that names none) CartPole-v0 with a note.
package enum AgentInput {
    /// What an agent file may be, for a front end's help.
    package static let help =
        "The agent: a checkpoint of `cartpole train` or `run` (agent.safetensors), a Stable-Baselines3 or RL Zoo DQN .zip, a PyTorch state dict (.pt, .pth, CleanRL's .cleanrl_model) or a safetensors state dict of a multilayer perceptron 4 → ... → 2."

    /// The agents `paths` name (files, or folders of checkpoints or runs), saying what was passed over.
    package static func players(_ paths: [String], environment given: EnvironmentID?, note: (SettingText) -> Void)
        throws
        -> (agents: [GridVideo.Player], environment: EnvironmentID)
    {
        guard !paths.isEmpty else { throw JobError.value(setting: "agent", problem: "names no agent; give one") }
        let agents: [GridVideo.Player]
        do { agents = try GridVideo.agents(paths, note: { note(SettingText($0)) }) } catch let error
            as GridVideo.NoCheckpoints
        {
            throw JobError.input(setting: "agent", problem: SettingText(error.description))
        } catch let error as GridVideo.TooManyAgents {
            throw JobError.value(setting: "agent", problem: SettingText(error.description))
        }
        for text in Set(agents.flatMap(\.agent.notes)).sorted() { note(SettingText("note: \(text)")) }
        let single = paths.count == 1 && !FolderListing.isFolder(paths[0])
        let environment = self.environment(
            given, of: agents[0].agent, path: single ? paths[0] : agents[0].name, note: note)
        return (agents, environment)
    }

    /// The agent the file at `path` holds.
    package static func load(_ path: String, environment given: EnvironmentID?, note: (SettingText) -> Void) throws
        -> (agent: TrainedAgent, environment: EnvironmentID)
    {
        let url = URL(fileURLWithPath: path)
        try ResultInput.check(url, note: { note(SettingText($0)) })
        let agent = try TrainedAgent.read(from: url)
        for text in agent.notes { note(SettingText("note: \(text)")) }
        return (agent, environment(given, of: agent, path: path, note: note))
    }

    private static func environment(
        _ given: EnvironmentID?, of agent: TrainedAgent, path: String, note: (SettingText) -> Void
    ) -> EnvironmentID {
        if let given { return given }
        if !agent.environmentFromFile {
            note(
                "note: \(path) names no environment (\(agent.kind)); playing CartPole-v0 (choose with \(setting: "env"))"
            )
        }
        return agent.environment
    }
}
