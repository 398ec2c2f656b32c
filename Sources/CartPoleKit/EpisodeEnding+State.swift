import Agent
import Render

extension EpisodeEnding {
    /// The ending of an episode whose last state is `state`, after `steps` steps: the environment's own
    /// termination rule decides (`CartPoleState.cartLeftTrack`, `poleFell`); a state inside both
    /// thresholds ended at the time limit.
    package init(finalState state: CartPoleState, steps: Int) {
        if state.cartLeftTrack {
            self.init("off the track at step \(steps)", success: false)
        } else if state.poleFell {
            self.init("fell at step \(steps)", success: false)
        } else {
            self.init("\(steps) steps: time limit", success: true)
        }
    }
}
