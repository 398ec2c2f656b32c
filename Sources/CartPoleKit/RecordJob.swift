import Agent
import Foundation
import OutputFiles

/// `cartpole record`: saved agents' greedy test episodes as videos (`RecordWorkflow`) in a result folder
/// whose manifest records the agents, the layout, the environment, the seed and every recording setting.
public struct RecordJob {
    /// Agent files, or folders of checkpoints or runs.
    public var agents: [String]
    /// By default each episode its own video for one agent file, a grid for several.
    public var layout: RecordWorkflow.Layout?
    /// By default the (first) agent's.
    public var environment: EnvironmentID?
    /// The first episode's seed; by default the (first) agent's training seed.
    public var seed: UInt64?
    /// How the videos are played and encoded.
    public var recording = RecordingSettings()
    /// Hears the encoder's warnings.
    public var warn: @Sendable (String) -> Void = { _ in }
    /// Hears each episode of the episodes layout as it is recorded.
    public var recorded: (TestEpisodeVideos.Result) -> Void = { _ in }

    /// The command its manifest names.
    public static let command = "record"

    /// A recording of the agents `agents` names.
    public init(agents: [String]) { self.agents = agents }

    /// Refuses, before reading any agent, what cannot record here.
    public func validate() throws(JobError) {
        guard !agents.isEmpty else { throw .value(setting: "agent", problem: "names no agent; give one") }
        if layout == .episodes && (agents.count > 1 || FolderListing.isFolder(agents[0])) {
            throw .value(setting: "layout", problem: "episodes plays one agent file; use grid or sequence for several")
        }
        try recording.validate()
        try JobChecks.kernels()
    }

    /// Records into the folder at `path` (created if missing); throws `TestEpisodeVideos.Interrupted`,
    /// leaving the folder as it was, when the context stopped it.
    public func run(in path: String, context: JobContext) throws -> RecordWorkflow.Result {
        try validate()
        try RunFolder.checkOutputPath(path)
        let (players, environment) = try AgentInput.players(agents, environment: environment, note: context.note)
        let several = agents.count > 1 || FolderListing.isFolder(agents[0])
        let folder = try RunFolder.open(path, command: Self.command, outputs: RecordWorkflow.outputs, context: context)
        let (recording, note) = try recording.fittingMemory()
        if let note { context.note(SettingText(note)) }
        var workflow = RecordWorkflow(
            agents: players, layout: layout ?? (several ? .grid : .episodes), environment: environment,
            seed: seed ?? players[0].seed, settings: recording)
        workflow.shouldStop = context.shouldStop
        workflow.warn = warn
        workflow.note = { context.note(SettingText($0)) }
        workflow.recorded = recorded
        let result = try workflow.run(into: folder.staging)
        let settings = self.recording.settingValues.merging([
            "agent": agents.joined(separator: "\n"), "layout": layout?.rawValue ?? "", "env": environment.rawValue,
            "seed": "\(workflow.seed)",
        ]) { $1 }
        try folder.commit(settings: settings, context: context)
        return result
    }
}
