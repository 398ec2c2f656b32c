import Agent
import FileFormats
import Foundation
import Render

/// Several agents in one video: each plays one greedy episode from the same start state (the one
/// `record --seed S` gives its first episode), in lockstep, one tile each; the video lasts as long as the
/// longest episode, T + 1 pictures for T steps. (Here a frame is an environment step of training, as in
/// a checkpoint's frame count; a video's images are pictures.)
public struct GridVideo {
    /// An agent to play, with its name. Its environment and seed: the first agent's are the grid's defaults.
    public struct Player: Sendable {
        /// How its tile and card label it.
        public let name: String
        /// The agent.
        public let agent: TrainedAgent

        package init(name: String, agent: TrainedAgent) {
            self.name = name
            self.agent = agent
        }

        package var network: any QFunction { agent.network }
        /// The agent's training seed.
        public var seed: UInt64 { agent.seed }
        /// For a checkpoint of ours: the frames it was trained for and its evaluation mean, for a title card.
        public var trainedFrames: Int? { agent.checkpoint?.frames }
        /// A checkpoint's evaluation mean when it was saved, if recorded.
        public var evaluationMean: Double? { agent.checkpoint?.evaluationMean }
    }

    /// One agent's episode: the poses from the reset on, returns so far, and how it ended.
    public struct Episode {
        package var poses: [CartPolePose] = []
        /// The return after each step.
        public var returns: [Double] = []
        /// A categorical network's return distributions at each state (empty for any other network).
        package var distributions: [ActionDistributions] = []
        /// How it ended.
        public var ending = EpisodeEnding("", success: false)
        /// Steps taken.
        public var length: Int { poses.count - 1 }
    }

    package let agents: [Player]
    package let environment: EnvironmentID
    package let seed: UInt64
    /// Hears the encoder's warnings.
    package var warn: (String) -> Void = { _ in }

    package init(agents: [Player], environment: EnvironmentID, seed: UInt64) {
        self.agents = agents
        self.environment = environment
        self.seed = seed
    }

    /// A folder named as agents that holds none.
    package struct NoCheckpoints: Error, CustomStringConvertible {
        package let path: String
        package var description: String { "\(path) is a folder without checkpoints" }
    }

    /// The most agents a grid (or a set of Q-maps) shows: counted before any is read.
    package static let mostAgents = 64

    package struct TooManyAgents: Error, CustomStringConvertible {
        package let count: Int
        package var description: String { "names \(count) agents; at most \(GridVideo.mostAgents) are shown at once" }
    }

    /// The agents named by `paths`: checkpoint files, or folders whose checkpoints (a run's checkpoints/,
    /// sorted by frame) or run folders' agent.safetensors (a compare's runs/, three levels down) are taken.
    /// Files in a folder that its manifest does not list are passed over, and `note` hears of them.
    package static func agents(_ paths: [String], note: (String) -> Void) throws -> [Player] {
        var files: [URL] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            guard FolderListing.isFolder(path) else {
                try ResultInput.check(url, note: note)
                files.append(url)
                continue
            }
            let direct = FolderListing.files(below: url, depth: 0) { $0.hasSuffix(".safetensors") }
            // In numeric order, so that seed-2 comes before seed-10.
            let found =
                (direct.isEmpty ? FolderListing.files(below: url, depth: 3) { $0 == "agent.safetensors" } : direct)
                .sorted { $0.path.compare($1.path, options: .numeric) == .orderedAscending }
            let belonging = ResultInput.belonging(found, in: path, note: note)
            guard !belonging.isEmpty else { throw NoCheckpoints(path: path) }
            files += belonging
        }
        guard files.count <= mostAgents else { throw TooManyAgents(count: files.count) }
        return try files.map { file in
            let agent = try TrainedAgent.read(from: file)
            let stem = file.deletingPathExtension().lastPathComponent
            let parent = file.deletingLastPathComponent()
            // A compare's run (VARIANT/seed-S/agent) is named by its variant and seed.
            let name =
                stem.hasPrefix("agent-") && agent.checkpoint != nil
                ? "frame \(agent.checkpoint?.frames ?? 0)"
                : parent.lastPathComponent.hasPrefix("seed-") && stem == "agent"
                    ? "\(parent.deletingLastPathComponent().lastPathComponent) \(parent.lastPathComponent)"
                    : stem == "agent" || stem == "best" ? "\(parent.lastPathComponent)/\(stem)" : stem
            return Player(name: name, agent: agent)
        }
    }

    /// Plays every agent's episode from the seed's first reset.
    package func episodes() throws -> [Episode] {
        try agents.map { agent in
            var player = try GreedyPlayer(network: agent.network, environment: environment, seed: seed)
            var episode = Episode()
            var last: CartPoleState?
            let outcome = player.play { step in
                episode.poses.append(CartPolePose(step.state))
                episode.returns.append(step.returnSoFar)
                if let distributions = step.distributions {
                    episode.distributions.append(ActionDistributions(distributions))
                }
                last = step.state
            }
            guard let last else { preconditionFailure("an episode visits its first state") }
            episode.ending = EpisodeEnding(finalState: last, steps: outcome.length)
            return episode
        }
    }

    /// The lines of `agent`'s title card: its name, or "frame F of LAST" for a checkpoint, its evaluation
    /// mean when it has one, a noisy network's mean |σ| per noisy layer (how much noise it keeps), and how
    /// its episode ended.
    static func titleCard(_ agent: Player, ending: String, lastFrame: Int?) -> [String] {
        var title = [
            agent.trainedFrames.map { frames in lastFrame.map { "frame \(frames) of \($0)" } ?? "frame \(frames)" }
                ?? agent.name
        ]
        if let mean = agent.evaluationMean { title.append(String(format: "evaluation mean %.1f", mean)) }
        if let network = agent.network as? QNetwork, network.noisy {
            let sigmas = network.meanAbsoluteSigmas.map { String(format: "%.3g", $0) }
            title.append("noisy layers' mean |σ| \(sigmas.joined(separator: ", "))")
        }
        title.append(ending)
        return title
    }

    /// Appends `agent`'s `episode` to a sequence: a title card of `titlePictures` pictures (`titleCard`), then
    /// the episode, captioned with the title, the step and the return, its last picture held as long as the
    /// card with how it ended.
    static func append(
        _ agent: Player, _ episode: Episode, to recorder: SequenceRecorder, lastFrame: Int?, titlePictures: Int,
        interrupted: () -> Bool
    ) throws {
        let title = titleCard(agent, ending: episode.ending.label, lastFrame: lastFrame)
        try recorder.appendTitle(title, frames: titlePictures)
        for (step, pose) in episode.poses.enumerated() {
            if interrupted() { throw TestEpisodeVideos.Interrupted() }
            try recorder.append(
                pose, caption: "\(title[0]) · step \(step) · return \(Int(episode.returns[step]))",
                distributions: episode.distributions.indices.contains(step) ? episode.distributions[step] : nil)
        }
        // The last picture held as long as a title card, saying how the episode ended.
        if let last = episode.poses.last {
            let caption = "\(title[0]) · \(episode.ending.label) · return \(Int(episode.returns.last ?? 0))"
            for _ in 0..<titlePictures {
                if interrupted() { throw TestEpisodeVideos.Interrupted() }
                try recorder.append(last, caption: caption, distributions: episode.distributions.last)
            }
        }
    }

    /// Writes the grid video; `interrupted` is asked before each picture.
    package func write(to url: URL, width: Int, height: Int, settings: VideoSettings, interrupted: () -> Bool) throws
        -> [Episode]
    {
        let played = try episodes()
        let recorder = try GridRecorder(
            url: url, tiles: agents.count, width: width, height: height, settings: settings,
            warn: warn)
        let pictures = played.map(\.poses.count).max() ?? 0
        for picture in 0..<pictures {
            if interrupted() { throw TestEpisodeVideos.Interrupted() }
            try recorder.append(
                zip(agents, played).map { agent, episode in
                    let i = min(picture, episode.length)
                    return GridRecorder.Tile(
                        pose: episode.poses[i], name: agent.name, step: i, returnSoFar: episode.returns[i],
                        ending: picture >= episode.length ? episode.ending : nil)
                })
        }
        try recorder.finish()
        return played
    }

    /// Writes the agents one after another, each opened by a title card of `titlePictures` pictures: its name
    /// (or "frame F of LAST" for checkpoints) and its evaluation mean when it has one.
    package func writeSequence(
        to url: URL, width: Int, height: Int, settings: VideoSettings, titlePictures: Int,
        interrupted: () -> Bool
    ) throws -> [Episode] {
        let played = try episodes()
        let recorder = try SequenceRecorder(
            url: url, width: width, height: height, settings: settings,
            warn: warn)
        let last = agents.compactMap(\.trainedFrames).max()
        for (agent, episode) in zip(agents, played) {
            try Self.append(
                agent, episode, to: recorder, lastFrame: last, titlePictures: titlePictures, interrupted: interrupted)
        }
        try recorder.finish()
        return played
    }
}
