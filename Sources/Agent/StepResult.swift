import Foundation

/// The outcome of one step, as Gymnasium's `step` returns it.
public struct StepResult: Sendable, Equatable {
    public var observation: Observation
    public var reward: Float
    /// A threshold was crossed: the episode ended and the next state has no value.
    public var terminated: Bool
    /// The time limit was reached: the episode ended, but the next state still has a value.
    public var truncated: Bool
    public var done: Bool { terminated || truncated }
}
