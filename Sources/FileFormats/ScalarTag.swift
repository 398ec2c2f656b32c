import Agent

/// The TensorBoard tags of the scalars this tool reads and writes: CleanRL's and Stable-Baselines3's names,
/// so that a run of ours and theirs share TensorBoard's charts.
public enum ScalarTag {
    /// Each episode's return (CleanRL); our event file's scores.
    public static let episodicReturn = "charts/episodic_return"
    public static let tdLoss = "losses/td_loss"
    public static let epsilon = "charts/epsilon"
    /// The mean return of an evaluation (Stable-Baselines3's EvalCallback); our evaluations.
    public static let evaluationMean = "eval/mean_reward"
    /// Stable-Baselines3's mean of the last 100 episodes' returns: a moving mean, not an episode's return.
    public static let rolloutMean = "rollout/ep_rew_mean"
}
