/// max_a target(next_obs) for each replay slot, kept between target-network copies.
///
/// A slot's values change only when the target network is copied (every `targetUpdate` updates) or the slot
/// is overwritten, while each slot is drawn about 1.6 times per copy: so each slot's values are computed
/// once per copy, at its first draw, which saves about half of the target network's work.
///
/// The n-step transition of slot s that sums k rewards ends at the next observation of the 1-step transition
/// k − 1 slots later (the memories are written in step, and the window never runs past an episode's end), so
/// its value is that slot's 1-step value, shared, whenever that slot holds it already: about a third fewer
/// rows through the target network, with the same values bit for bit (each row's value depends on that row
/// alone). The newest slots, whose partner is not yet written, keep an n-step value of their own.
struct TargetValueCache {
    /// Whether n-step values are shared with the 1-step values of their partner slots (off only in tests,
    /// to check that sharing changes nothing).
    let sharesValues: Bool
    private var oneStepValues: [Float]
    private var nStepValues: [Float]
    /// The target version a slot's values were computed with; -1 when not computed.
    private var oneStepVersions: [Int]
    private var nStepVersions: [Int]
    /// Raised at each copy of the target network.
    private(set) var version = 0
    /// Rows run through the target network so far.
    private(set) var computedRows = 0
    /// The values to compute this update, as (in the n-step cache, slot), in the order of `staleObservations`.
    private var pending: [(nStep: Bool, slot: Int)] = []
    /// Where each n-step row's value is read, as (in the n-step cache, slot): its own or its partner's.
    private var nStepSources: [(nStep: Bool, slot: Int)] = []
    private var staleObservations: [Float] = []
    private var staleValues: [Float] = []

    init(capacity: Int, sharesValues: Bool = true) {
        self.sharesValues = sharesValues
        oneStepValues = Array(repeating: 0, count: capacity)
        nStepValues = Array(repeating: 0, count: capacity)
        oneStepVersions = Array(repeating: -1, count: capacity)
        nStepVersions = Array(repeating: -1, count: capacity)
    }

    /// The slot is about to hold a new transition.
    mutating func invalidate(slot: Int) {
        oneStepVersions[slot] = -1
        nStepVersions[slot] = -1
    }

    /// The target network was replaced: every value is out of date.
    mutating func targetCopied() { version += 1 }

    /// The 1-step slot whose next observation ends the n-step transition in `slot`, when it holds it already.
    func partner(of slot: Int, memory: ReplayMemory, nStepMemory: ReplayMemory) -> Int? {
        guard sharesValues else { return nil }
        let capacity = memory.capacity
        let later = nStepMemory.steps(at: slot) - 1
        // Slots written after `slot`: the newest is the one before `position`.
        let written = (memory.position - 1 - slot + 2 * capacity) % capacity
        return later <= written ? (slot + later) % capacity : nil
    }

    /// Fills `nextValues` with the values of the drawn slots, the 1-step batch's rows then the n-step
    /// batch's, first running `target` on the next states whose values are out of date.
    mutating func values(
        for indices: [Int], memory: ReplayMemory, nStepMemory: ReplayMemory?, oneStep: DQNBatch,
        nStep: DQNBatch?, target: QNetwork, loss: DQNLoss, into nextValues: inout [Float]
    ) {
        staleObservations.removeAll(keepingCapacity: true)
        pending.removeAll(keepingCapacity: true)
        for (row, slot) in indices.enumerated() where claim(nStep: false, slot: slot) {
            staleObservations.append(contentsOf: oneStep.nextObservations[(row * 4)..<(row * 4 + 4)])
        }
        nStepSources.removeAll(keepingCapacity: true)
        if let nStepMemory, let nStep {
            for (row, slot) in indices.enumerated() {
                if let partner = partner(of: slot, memory: memory, nStepMemory: nStepMemory) {
                    nStepSources.append((false, partner))
                    if claim(nStep: false, slot: partner) {
                        memory.appendNextObservation(at: partner, to: &staleObservations)
                    }
                } else {
                    nStepSources.append((true, slot))
                    if claim(nStep: true, slot: slot) {
                        staleObservations.append(contentsOf: nStep.nextObservations[(row * 4)..<(row * 4 + 4)])
                    }
                }
            }
        }
        computedRows += pending.count
        if !pending.isEmpty {
            loss.targetValues(target, observations: staleObservations, into: &staleValues)
            for (k, (isNStep, slot)) in pending.enumerated() {
                if isNStep { nStepValues[slot] = staleValues[k] } else { oneStepValues[slot] = staleValues[k] }
            }
        }
        nextValues.removeAll(keepingCapacity: true)
        for slot in indices { nextValues.append(oneStepValues[slot]) }
        for source in nStepSources {
            nextValues.append(source.nStep ? nStepValues[source.slot] : oneStepValues[source.slot])
        }
    }

    /// Whether a value is out of date; if so it is marked as computed for this version and queued, and the
    /// caller appends its next observation.
    private mutating func claim(nStep: Bool, slot: Int) -> Bool {
        if nStep {
            guard nStepVersions[slot] != version else { return false }
            nStepVersions[slot] = version
        } else {
            guard oneStepVersions[slot] != version else { return false }
            oneStepVersions[slot] = version
        }
        pending.append((nStep, slot))
        return true
    }

    /// The cached (1-step, n-step) values of a slot, each nil when out of date (for tests).
    func cached(slot: Int, memory: ReplayMemory, nStepMemory: ReplayMemory?) -> (oneStep: Float?, nStep: Float?) {
        let oneStep = oneStepVersions[slot] == version ? oneStepValues[slot] : nil
        guard let nStepMemory else { return (oneStep, nil) }
        if let partner = partner(of: slot, memory: memory, nStepMemory: nStepMemory) {
            return (oneStep, oneStepVersions[partner] == version ? oneStepValues[partner] : nil)
        }
        return (oneStep, nStepVersions[slot] == version ? nStepValues[slot] : nil)
    }
}
