import CCairo
import Foundation

/// The heads-up display: where the episode is and what the agent thinks.
package struct HeadsUp: Sendable, Equatable {
    package var episode: Int
    package var step: Int
    package var returnSoFar: Double
    /// The action taken from this state (0 left, 1 right), nil at the episode's end.
    package var action: Int?
    /// Q-values of the state's two actions.
    package var qValues: (left: Float, right: Float)
    /// How the episode ended, on its last frame.
    package var ending: EpisodeEnding?
    /// A dueling network's value V and advantages A of the state (Q = V + A), drawn beside the Q-values.
    package var streams: (value: Float, advantages: (left: Float, right: Float))?
    /// A categorical network's return distributions, drawn as a histogram per action under the scene.
    package var distributions: ActionDistributions?

    package init(
        episode: Int, step: Int, returnSoFar: Double, action: Int?, qValues: (left: Float, right: Float),
        ending: EpisodeEnding? = nil, streams: (value: Float, advantages: (left: Float, right: Float))? = nil,
        distributions: ActionDistributions? = nil
    ) {
        self.ending = ending
        self.streams = streams
        self.distributions = distributions
        self.episode = episode
        self.step = step
        self.returnSoFar = returnSoFar
        self.action = action
        self.qValues = qValues
    }

    package static func == (a: HeadsUp, b: HeadsUp) -> Bool {
        a.episode == b.episode && a.step == b.step && a.returnSoFar == b.returnSoFar && a.action == b.action
            && a.qValues == b.qValues && a.ending == b.ending && a.streams?.value == b.streams?.value
            && a.streams?.advantages.left == b.streams?.advantages.left
            && a.streams?.advantages.right == b.streams?.advantages.right && a.distributions == b.distributions
    }
}
