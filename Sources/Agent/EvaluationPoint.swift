import Foundation

/// One evaluation made during training: the frame it was made at and its episodes' returns and lengths.
public struct EvaluationPoint: Sendable, Equatable {
    /// The training frame the agent was evaluated at.
    public var frame: Int
    /// Each episode's return.
    public var returns: [Double]
    /// Each episode's length in steps.
    public var lengths: [Int]

    /// An evaluation at `frame` of episodes with these returns and lengths.
    public init(frame: Int, returns: [Double], lengths: [Int]) {
        self.frame = frame
        self.returns = returns
        self.lengths = lengths
    }

    /// The episodes' mean return.
    public var meanReturn: Double { Statistics.mean(returns) }
}
