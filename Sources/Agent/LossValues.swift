/// The losses of one update: 1-step, n-step (when there is an n-step batch) and their sum.
package struct LossValues: Sendable, Equatable {
    package var oneStep: Float
    package var nStep: Float?
    package var total: Float { oneStep + (nStep ?? 0) }
}
