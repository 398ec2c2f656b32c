/// The CartPole versions Gymnasium registers; they differ only in time limit and reward threshold.
public enum EnvironmentID: String, Sendable, CaseIterable {
    case v0 = "CartPole-v0"
    case v1 = "CartPole-v1"

    /// Accepts Gymnasium's ids; anything else is a clear error.
    public init(validating id: String) throws(AgentError) {
        guard let known = EnvironmentID(rawValue: id) else {
            let ids = Self.allCases.map(\.rawValue).joined(separator: ", ")
            throw AgentError.invalidValue("unknown environment id '\(id)'; known ids: \(ids)")
        }
        self = known
    }

    /// Steps after which an episode is truncated (Gymnasium's `max_episode_steps`).
    public var maxEpisodeSteps: Int { self == .v0 ? 200 : 500 }

    /// The average return over 100 episodes at which the task counts as solved.
    public var rewardThreshold: Double { self == .v0 ? 195 : 475 }
}
