/// Episodes played without learning, to measure an agent: episode i starts from the reset that seed
/// `seed + i` gives (the state `cartpole record --seed` with that seed shows first), and acts greedily,
/// or at random with probability `epsilon` (drawn from that episode's own generator, after its reset).
public enum Evaluation {
    /// How an episode ended: the pole fell or the cart left the track (terminated), or the time limit.
    public enum Ending: String, Sendable { case terminated, truncated }

    /// One evaluation episode.
    public struct Episode: Sendable, Equatable {
        /// Its place among the episodes, from 0.
        public var index: Int
        /// The seed of its reset.
        public var seed: UInt64
        /// Its return.
        public var returnValue: Double
        /// Its length in steps.
        public var length: Int
        /// Whether it was terminated or truncated by the time limit.
        public var ending: Ending
    }

    /// Plays `episodes` episodes, each with its own player seeded `seed + i`; the network is only read.
    /// `proceed` hears how many were played after each one and stops the evaluation by returning false.
    package static func play(
        _ network: any QFunction, environment: EnvironmentID, episodes: Int, epsilon: Double = 0,
        seed: UInt64, proceed: (Int) -> Bool = { _ in true }
    ) throws(AgentError) -> [Episode] {
        precondition(
            episodes == 0 || UInt64.max - seed >= UInt64(episodes - 1), "episode seeds must not pass UInt64.max")
        var played: [Episode] = []
        for index in 0..<episodes {
            if index > 0 && !proceed(index) { break }
            let episodeSeed = seed &+ UInt64(index)
            var player = try GreedyPlayer(
                network: network, environment: environment, seed: episodeSeed, epsilon: epsilon)
            player.fullReadout = false
            let outcome = player.play { _ in }
            played.append(
                Episode(
                    index: index, seed: episodeSeed, returnValue: outcome.return, length: outcome.length,
                    ending: outcome.terminated ? .terminated : .truncated))
        }
        return played
    }
}
