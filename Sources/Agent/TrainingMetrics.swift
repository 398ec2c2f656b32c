/// What training produced, frame by frame: every update's loss and epsilon, every finished episode's score.
public struct TrainingMetrics: Sendable, Equatable {
    /// One row per frame that had an update, a finished episode, or both.
    public struct Row: Sendable, Equatable {
        public var frame: Int
        public var update: Int?
        public var loss: Float?
        public var epsilon: Double?
        public var episode: Int?
        public var score: Double?

        public init(
            frame: Int, update: Int? = nil, loss: Float? = nil, epsilon: Double? = nil,
            episode: Int? = nil, score: Double? = nil
        ) {
            self.frame = frame
            self.update = update
            self.loss = loss
            self.epsilon = epsilon
            self.episode = episode
            self.score = score
        }
    }

    public var rows: [Row] = []

    public init(rows: [Row] = []) { self.rows = rows }

    public var scores: [Double] { rows.compactMap(\.score) }
    public var losses: [Float] { rows.compactMap(\.loss) }
    public var epsilons: [Double] { rows.compactMap(\.epsilon) }
    /// The last frame reached.
    public var frames: Int { rows.last?.frame ?? 0 }

    /// The episodes the recent mean score covers: the notebook's plot title shows the mean of the last 10.
    public static let scoreWindow = 10

    /// Mean of the last `scoreWindow` scores, or nil before any episode ends.
    public func recentMeanScore() -> Double? {
        let recent = scores.suffix(Self.scoreWindow)
        return recent.isEmpty ? nil : recent.reduce(0, +) / Double(recent.count)
    }
}
