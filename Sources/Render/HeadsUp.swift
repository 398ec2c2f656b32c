import CCairo
import Foundation

/// The heads-up display: where the episode is and what the agent thinks.
public struct HeadsUp: Sendable, Equatable {
    public var episode: Int
    public var step: Int
    public var returnSoFar: Double
    /// The action taken from this state (0 left, 1 right), nil at the episode's end.
    public var action: Int?
    /// Q-values of the state's two actions.
    public var qValues: (left: Float, right: Float)
    /// How the episode ended, on its last frame.
    public var ending: EpisodeEnding?

    public init(
        episode: Int, step: Int, returnSoFar: Double, action: Int?, qValues: (left: Float, right: Float),
        ending: EpisodeEnding? = nil
    ) {
        self.ending = ending
        self.episode = episode
        self.step = step
        self.returnSoFar = returnSoFar
        self.action = action
        self.qValues = qValues
    }

    public static func == (a: HeadsUp, b: HeadsUp) -> Bool {
        a.episode == b.episode && a.step == b.step && a.returnSoFar == b.returnSoFar && a.action == b.action
            && a.qValues == b.qValues && a.ending == b.ending
    }
}
