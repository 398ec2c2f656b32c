/// One step of a greedy test episode, as a recorder needs it: the state before the action, the action
/// and its Q-values, and the return so far.
package struct EpisodeStep: Sendable {
    /// Steps taken so far (0 for the reset state).
    package var step: Int
    package var state: CartPoleState
    package var qValues: SIMD2<Float>
    /// A dueling network's value and advantages of `state`'s observation; nil for any other network.
    package var streams: DuelingStreams?
    /// The action taken from `state`, or nil for the final state.
    package var action: Int?
    package var returnSoFar: Double
    /// A categorical network's return distributions of `state`'s observation; nil for any other network.
    package var distributions: ReturnDistributions? = nil
}
