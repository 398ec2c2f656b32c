/// One step of a greedy test episode, as a recorder needs it: the state before the action, the action
/// and its Q-values, and the return so far.
public struct EpisodeStep: Sendable {
    /// Steps taken so far (0 for the reset state).
    public var step: Int
    public var state: CartPoleState
    public var qValues: SIMD2<Float>
    /// The action taken from `state`, or nil for the final state.
    public var action: Int?
    public var returnSoFar: Double
}
