/// The losses of one update: 1-step, n-step (when there is an n-step batch) and their sum.
public struct LossValues: Sendable, Equatable {
    public var oneStep: Float
    public var nStep: Float?
    public var total: Float { oneStep + (nStep ?? 0) }
}
