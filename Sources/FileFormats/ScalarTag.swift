import Agent

/// The TensorBoard tags of the scalars this tool reads and writes: CleanRL's and Stable-Baselines3's names,
/// so that a run of ours and theirs share TensorBoard's charts.
package enum ScalarTag {
    /// Each episode's return (CleanRL); our event file's scores.
    package static let episodicReturn = "charts/episodic_return"
    package static let tdLoss = "losses/td_loss"
    package static let epsilon = "charts/epsilon"
    /// The mean return of an evaluation (Stable-Baselines3's EvalCallback); our evaluations.
    package static let evaluationMean = "eval/mean_reward"
    /// Stable-Baselines3's mean of the last 100 episodes' returns: a moving mean, not an episode's return.
    package static let rolloutMean = "rollout/ep_rew_mean"
}
