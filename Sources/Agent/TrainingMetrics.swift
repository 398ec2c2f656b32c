/// What training produced, frame by frame: every update's loss and epsilon, every finished episode's score.
public struct TrainingMetrics: Sendable, Equatable {
    /// One row per frame that had an update, a finished episode, or both.
    public struct Row: Sendable, Equatable {
        /// The environment step.
        public var frame: Int
        /// The update made at this frame, counted from 1, if any.
        public var update: Int?
        /// That update's loss.
        public var loss: Float?
        /// Epsilon after that update.
        public var epsilon: Double?
        /// The training episode that ended at this frame, counted from 1, if any.
        public var episode: Int?
        /// That episode's return.
        public var score: Double?
        /// With prioritized replay, at `priorityPoints` updates spread over the training: the held
        /// priorities' quantiles at `priorityLevels`.
        public var priorities: [Float]?
        /// With a noisy network, at the same updates: each noisy layer's mean |σ| (weights and biases).
        public var sigmas: [Float]?

        /// A row of these values.
        public init(
            frame: Int, update: Int? = nil, loss: Float? = nil, epsilon: Double? = nil,
            episode: Int? = nil, score: Double? = nil, priorities: [Float]? = nil, sigmas: [Float]? = nil
        ) {
            self.frame = frame
            self.update = update
            self.loss = loss
            self.epsilon = epsilon
            self.episode = episode
            self.score = score
            self.priorities = priorities
            self.sigmas = sigmas
        }
    }

    /// One row per frame at which something was recorded, in frame order.
    public var rows: [Row] = []

    /// Metrics of these rows.
    public init(rows: [Row] = []) { self.rows = rows }

    /// Every finished training episode's score, in order.
    public var scores: [Double] { rows.compactMap(\.score) }
    /// Every update's loss, in order.
    public var losses: [Float] { rows.compactMap(\.loss) }
    /// Epsilon after every update, in order.
    public var epsilons: [Double] { rows.compactMap(\.epsilon) }
    /// The last frame reached.
    public var frames: Int { rows.last?.frame ?? 0 }

    /// The quantiles of the held priorities a row records: 5%, 25%, the median, 75% and 95%.
    public static let priorityLevels = [0.05, 0.25, 0.5, 0.75, 0.95]
    /// How many times a training records them (and a noisy network's |σ|), evenly over its updates.
    public static let priorityPoints = 100

    /// The episodes the recent mean score covers: the notebook's plot title shows the mean of the last 10.
    public static let scoreWindow = 10

    /// Mean of the last `scoreWindow` scores, or nil before any episode ends.
    public func recentMeanScore() -> Double? {
        let recent = scores.suffix(Self.scoreWindow)
        return recent.isEmpty ? nil : recent.reduce(0, +) / Double(recent.count)
    }
}
