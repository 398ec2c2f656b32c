import Foundation

/// One evaluation made during training: the frame it was made at and its episodes' returns and lengths.
public struct EvaluationPoint: Sendable, Equatable {
    public var frame: Int
    public var returns: [Double]
    public var lengths: [Int]

    public init(frame: Int, returns: [Double], lengths: [Int]) {
        self.frame = frame
        self.returns = returns
        self.lengths = lengths
    }

    public var meanReturn: Double { Statistics.mean(returns) }
}
