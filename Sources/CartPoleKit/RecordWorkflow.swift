import Agent
import Foundation

/// What `record` makes of saved agents: one agent's test episodes, each its own video, or several agents
/// in one video, side by side in lockstep (`grid`) or one after another behind title cards (`sequence`).
public struct RecordWorkflow {
    /// How the videos show the agents.
    public enum Layout: String, Sendable, CaseIterable {
        case episodes, grid, sequence
    }

    /// The videos made: the episodes layout's, or the one video of the others with the agents it plays
    /// (a grid's may be fewer than were given) and each one's episode.
    public enum Result {
        case episodes([TestEpisodeVideos.Result])
        case together(URL, [(agent: GridVideo.Player, episode: GridVideo.Episode)])
    }

    package let agents: [GridVideo.Player]
    package let layout: Layout
    package let environment: EnvironmentID
    /// The first episode's seed (a grid's agents all start from it).
    package let seed: UInt64
    package let settings: RecordingSettings
    /// Asked at every step; true stops the recording, and nothing is left of it.
    package var shouldStop: @Sendable () -> Bool = { false }
    /// Hears the encoder's warnings.
    package var warn: @Sendable (String) -> Void = { _ in }
    /// Hears what is left out: a grid of more agents than its tiles can show readably plays some of them.
    package var note: (String) -> Void = { _ in }
    /// Hears each episode of the episodes layout as it is recorded.
    package var recorded: (TestEpisodeVideos.Result) -> Void = { _ in }

    /// - Precondition: the episodes layout plays one agent.
    package init(
        agents: [GridVideo.Player], layout: Layout, environment: EnvironmentID, seed: UInt64,
        settings: RecordingSettings
    ) {
        precondition(!agents.isEmpty && (layout != .episodes || agents.count == 1))
        self.agents = agents
        self.layout = layout
        self.environment = environment
        self.seed = seed
        self.settings = settings
    }

    /// What record writes into its folder (`fnmatch` patterns).
    package static let outputs = ["rl-video-*"]

    /// Records into `folder`; throws `TestEpisodeVideos.Interrupted` when `shouldStop` ended it.
    package func run(into folder: URL) throws -> Result {
        guard layout != .episodes else {
            var videos = TestEpisodeVideos(
                network: agents[0].network, environment: environment, seed: seed, settings: settings, folder: folder)
            videos.shouldStop = shouldStop
            videos.warn = warn
            return .episodes(try videos.run(report: recorded))
        }
        let url = folder.appendingPathComponent("rl-video-\(layout.rawValue).\(settings.video.container.rawValue)")
        var shown = agents
        let most = Self.mostTiles(width: settings.width, height: settings.height)
        if layout == .grid && agents.count > most {
            shown = Self.evenly(most, of: agents.count).map { agents[$0] }
            note(
                "note: the grid plays \(most) of the \(agents.count) agents, evenly spaced from the first to the "
                    + "last (\(shown.map(\.name).joined(separator: ", "))): at \(settings.width)x\(settings.height), "
                    + "\(most) tiles of at least \(Self.smallestTile.width)x\(Self.smallestTile.height) pixels fit, "
                    + "whose labels stay readable; a larger --size shows more, --layout sequence all")
        }
        var grid = GridVideo(agents: shown, environment: environment, seed: seed)
        grid.warn = warn
        let (width, height) = (settings.width, settings.height)
        let played =
            layout == .sequence
            ? try grid.writeSequence(
                to: url, width: width, height: height, settings: settings.video, titlePictures: settings.video.fps,
                interrupted: shouldStop)
            : try grid.write(to: url, width: width, height: height, settings: settings.video, interrupted: shouldStop)
        return .together(url, Array(zip(shown, played)))
    }

    /// The smallest tile whose labels stay readable: a quarter of the 600x400 scene.
    package static let smallestTile = (width: 150, height: 100)

    /// Most tiles a grid of `width` x `height` pixels shows (at least one).
    package static func mostTiles(width: Int, height: Int) -> Int {
        max(1, (width / smallestTile.width) * (height / smallestTile.height))
    }

    /// `count` indices of `total` (count <= total), evenly spaced from the first to the last.
    static func evenly(_ count: Int, of total: Int) -> [Int] {
        guard count > 1 else { return [0] }
        return (0..<count).map { ($0 * (total - 1) + (count - 1) / 2) / (count - 1) }
    }
}
