/// How a time-limit truncation (200 steps for CartPole-v0, 500 for v1) enters the targets.
///
/// - `terminal`: the notebook's semantics (old gym's `done`): the truncation masks bootstrapping like a
///   termination, in both memories. An n-step transition cut short by it is masked, so its discount does
///   not matter; every other one sums n rewards and is discounted by gamma^n, as the notebook's
///   `gamma ** n_step`.
/// - `bootstrap`: Gymnasium's semantics: only a termination masks; a truncated step still bootstraps from
///   its observation, and an n-step transition cut short after k rewards is discounted by gamma^k.
///
/// Either way the n-step sum stops at the first step that ends the episode.
public enum TimeLimit: String, Sendable, CaseIterable {
    case terminal, bootstrap

    /// Whether bootstrapping from a step's next state is masked.
    public func masksBootstrap(terminated: Bool, truncated: Bool) -> Bool {
        terminated || (self == .terminal && truncated)
    }
}
