/// Evaluation during training: every `every` frames, `episodes` greedy episodes on environments seeded
/// apart from training (seeds `trainingSeed + 1000000 + k`, the same at every evaluation, so the points
/// are comparable), and the best network by evaluation mean (ties: the later one). It reads the agent's
/// online network and never draws from the training's generator, so a run with evaluation learns exactly
/// what a run without it learns.
public struct TrainingEvaluation: Sendable {
    package static let seedOffset: UInt64 = 1_000_000

    /// Frames between evaluations.
    public let every: Int
    /// Greedy episodes of each evaluation.
    public let episodes: Int
    /// The environment the episodes are played in.
    public let environment: EnvironmentID
    /// The first evaluation episode's seed (the next ones follow it).
    public let seed: UInt64
    /// The evaluations so far, in frame order.
    public private(set) var points: [EvaluationPoint] = []
    /// The best network so far, the frame it was evaluated at and its mean return.
    public private(set) var best: (network: QNetwork, frame: Int, mean: Double)?

    package init(every: Int, episodes: Int, environment: EnvironmentID, trainingSeed: UInt64) {
        self.every = every
        self.episodes = episodes
        self.environment = environment
        seed = trainingSeed &+ Self.seedOffset
    }

    /// Evaluates the agent if its frame is due (a multiple of `every`), returning the new point.
    @discardableResult
    package mutating func evaluateIfDue(_ agent: DQNAgent) throws(AgentError) -> EvaluationPoint? {
        guard every > 0, agent.frame > 0, agent.frame % every == 0 else { return nil }
        let played = try Evaluation.play(agent.online, environment: environment, episodes: episodes, seed: seed)
        let point = EvaluationPoint(
            frame: agent.frame, returns: played.map(\.returnValue), lengths: played.map(\.length))
        points.append(point)
        if point.meanReturn >= best?.mean ?? -.infinity { best = (agent.online, agent.frame, point.meanReturn) }
        return point
    }
}
