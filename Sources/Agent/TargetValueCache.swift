/// max_a target(next_obs) for each replay slot, kept between target-network copies.
///
/// A slot's values change only when the target network is copied (every `targetUpdate` updates) or the slot
/// is overwritten, while each slot is drawn about 1.6 times per copy: so each slot's values are computed
/// once per copy, at its first draw, which saves about half of the target network's work. Values are
/// stored per slot as (1-step, n-step).
struct TargetValueCache {
    private let hasNStep: Bool
    private var values: [Float]
    /// The target version a slot's values were computed with; -1 when not computed.
    private var versions: [Int]
    /// Raised at each copy of the target network.
    private(set) var version = 0
    private var staleObservations: [Float] = []
    private var staleValues: [Float] = []

    init(capacity: Int, hasNStep: Bool) {
        self.hasNStep = hasNStep
        values = Array(repeating: 0, count: capacity * 2)
        versions = Array(repeating: -1, count: capacity)
    }

    /// The slot is about to hold a new transition.
    mutating func invalidate(slot: Int) { versions[slot] = -1 }

    /// The target network was replaced: every value is out of date.
    mutating func targetCopied() { version += 1 }

    /// Fills `nextValues` with the values of the drawn slots, the 1-step batch's rows then the n-step
    /// batch's, first running `target` on the next states of the slots whose values are out of date.
    mutating func values(for indices: [Int], oneStep: DQNBatch, nStep: DQNBatch?, target: QNetwork, loss: DQNLoss,
                         into nextValues: inout [Float]) {
        staleObservations.removeAll(keepingCapacity: true)
        var stale: [Int] = []
        for (row, slot) in indices.enumerated() where versions[slot] != version {
            stale.append(row)
            staleObservations.append(contentsOf: oneStep.nextObservations[(row * 4)..<(row * 4 + 4)])
            if let nStep { staleObservations.append(contentsOf: nStep.nextObservations[(row * 4)..<(row * 4 + 4)]) }
        }
        if !stale.isEmpty {
            loss.targetValues(target, observations: staleObservations, into: &staleValues)
            let perRow = hasNStep ? 2 : 1
            for (k, row) in stale.enumerated() {
                let slot = indices[row]
                values[slot * 2] = staleValues[k * perRow]
                if hasNStep { values[slot * 2 + 1] = staleValues[k * perRow + 1] }
                versions[slot] = version
            }
        }
        nextValues.removeAll(keepingCapacity: true)
        for slot in indices { nextValues.append(values[slot * 2]) }
        if hasNStep { for slot in indices { nextValues.append(values[slot * 2 + 1]) } }
    }

    /// The cached (1-step, n-step) values of a slot, or nil when they are out of date (for tests).
    func cached(slot: Int) -> (oneStep: Float, nStep: Float)? {
        versions[slot] == version ? (values[slot * 2], values[slot * 2 + 1]) : nil
    }
}
