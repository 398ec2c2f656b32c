import Agent
import Foundation
import OutputFiles

/// `cartpole qmap`: agents' Q-functions over a slice of the state space (`QMapFigure`), as a figure or a
/// video, in a result folder whose manifest records the agents, the slice, the episode's seed and the figure.
public struct QMapJob {
    /// Agent files, or folders of checkpoints.
    public var agents: [String]
    /// A video stepping through the agents' maps instead of one figure.
    public var video = false
    /// Of the episode drawn over the map; by default the agent's.
    public var environment: EnvironmentID?
    /// Of the episode drawn over the map; by default the agent's training seed.
    public var seed: UInt64?
    /// The slice's cart position (m).
    public var cartPosition = 0.0
    /// The slice's cart velocity (m/s).
    public var cartVelocity = 0.0
    /// How to write the figure; nil: as PNG at its own size (a video takes no figure options).
    public var figures: FigureOutput?
    /// Hears how many maps of how many are done.
    public var progress: (Int, Int) -> Void = { _, _ in }

    /// The command its manifest names.
    public static let command = "qmap"
    /// What it writes into its folder (`fnmatch` patterns).
    public static let outputs = FigureOutput.names("qmap") + ["qmap.mp4"]

    /// A Q-map of the agents `agents` names.
    public init(agents: [String]) { self.agents = agents }

    /// Refuses, before reading any agent, a slice off the track or figure options for a video.
    public func validate() throws(JobError) {
        guard cartPosition.isFinite && abs(cartPosition) <= 2.4 else {
            throw .value(setting: "x", problem: "must be within ±2.4 m, the track (got \(cartPosition))")
        }
        guard cartVelocity.isFinite && abs(cartVelocity) <= 10 else {
            throw .value(setting: "x-dot", problem: "must be within ±10 m/s (got \(cartVelocity))")
        }
        guard !agents.isEmpty else { throw .value(setting: "agent", problem: "names no agent; give one") }
        if video && figures != nil {
            throw .excludes(
                setting: "video", others: ["figure-format", "figure-size", "dpi"],
                reason: "the figure options apply to qmap's figure")
        }
        try JobChecks.kernels()
    }

    /// Draws into the folder at `path` (created if missing); returns the files written there.
    public func run(in path: String, context: JobContext) throws -> [URL] {
        try validate()
        try RunFolder.checkOutputPath(path)
        let (players, environment) = try AgentInput.players(agents, environment: environment, note: context.note)
        let folder = try RunFolder.open(path, command: Self.command, outputs: Self.outputs, context: context)
        let written = try QMapFigure.write(
            players, environment: environment, seed: seed, cartPosition: cartPosition, cartVelocity: cartVelocity,
            video: video, figures: figures ?? .png, into: folder.staging, progress: progress,
            note: { context.note(SettingText($0)) })
        let settings = [
            "agent": agents.joined(separator: "\n"), "video": "\(video)", "env": environment.rawValue,
            "seed": "\(seed ?? players[0].seed)", "x": "\(cartPosition)", "x-dot": "\(cartVelocity)",
        ].merging(video ? [:] : (figures ?? .png).settings) { $1 }
        try folder.commit(settings: settings, context: context)
        return written.map { folder.final($0.lastPathComponent) }
    }
}
