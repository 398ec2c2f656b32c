import Foundation

/// The outcome of one step, as Gymnasium's `step` returns it.
package struct StepResult: Sendable, Equatable {
    package var observation: Observation
    package var reward: Float
    /// A threshold was crossed: the episode ended and the next state has no value.
    package var terminated: Bool
    /// The time limit was reached: the episode ended, but the next state still has a value.
    package var truncated: Bool
    package var done: Bool { terminated || truncated }
}
