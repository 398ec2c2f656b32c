/// Which of a training's resets `--seed` seeds.
///
/// - `first`: Gymnasium's and the seed notebook's: `reset(seed=seed)` once, then `reset()`, each episode
///   starting where the environment's generator has got to.
/// - `every`: the rainbow chapters' (`env.reset(seed=self.seed)` at every episode's end), so that every
///   training episode starts in the same state.
public enum ResetSeeding: String, Sendable, CaseIterable {
    case first, every
}
