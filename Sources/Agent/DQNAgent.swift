/// The notebook's `DQNAgent`: epsilon-greedy acting, the paired 1-step and n-step memories, the combined
/// loss, Adam, linear epsilon decay and hard target updates, stepped one frame at a time.
public final class DQNAgent {
    public let configuration: TrainingConfiguration
    public private(set) var online: QNetwork
    public private(set) var target: QNetwork
    public private(set) var epsilon: Double
    public private(set) var frame = 0
    public private(set) var updates = 0
    public private(set) var episodes = 0
    public private(set) var metrics = TrainingMetrics()

    private var generator: SplitMix64
    private var environment: CartPole
    private var observation: Observation
    private var score = 0.0
    private var memory: ReplayMemory
    private var nStepMemory: ReplayMemory?
    private var window: NStepWindow
    private var optimizer: Adam
    private let loss: DQNLoss
    private var gradient: [Float]
    private var oneStepBatch = DQNBatch()
    private var nStepBatch = DQNBatch()

    // MARK: Target values cached per memory slot
    // max_a target(next_obs) changes only when the target network is copied (every `targetUpdate` updates)
    // or when a slot is overwritten, while each slot is drawn about 1.6 times per copy: so each slot's
    // values are computed once per copy, at its first draw, which saves about half of the target network's work.
    /// The values of slot i: one-step at 2i, n-step at 2i + 1.
    private var slotTargetValues: [Float]
    /// The target version the slot's values were computed with; -1 when not computed.
    private var slotTargetVersion: [Int]
    private var targetVersion = 0
    private var staleObservations: [Float] = []
    private var staleValues: [Float] = []
    private var nextValues: [Float] = []

    public init(configuration: TrainingConfiguration) throws(AgentError) {
        try configuration.validate()
        _ = try BLASLibrary.load()
        self.configuration = configuration
        generator = SplitMix64(seed: configuration.seed)
        online = QNetwork(hidden: configuration.hidden, using: &generator)
        target = online
        epsilon = configuration.maxEpsilon
        environment = CartPole(id: configuration.environment)
        observation = environment.reset(using: &generator)
        memory = ReplayMemory(capacity: configuration.memorySize, gamma: configuration.gamma)
        if configuration.nStep > 1 {
            nStepMemory = ReplayMemory(capacity: configuration.memorySize, gamma: configuration.gamma)
        }
        window = NStepWindow(n: configuration.nStep, gamma: configuration.gamma)
        optimizer = Adam(parameterCount: online.parameters.count, learningRate: configuration.learningRate)
        loss = DQNLoss(hidden: configuration.hidden)
        gradient = Array(repeating: 0, count: online.parameters.count)
        slotTargetValues = Array(repeating: 0, count: configuration.memorySize * 2)
        slotTargetVersion = Array(repeating: -1, count: configuration.memorySize)
    }

    public var isFinished: Bool { frame >= configuration.frames }

    /// Epsilon-greedy: a random action with probability epsilon, else the greedy one.
    func selectAction() -> Int {
        if epsilon > generator.nextUnit() { return generator.nextIndex(below: 2) }
        return online.greedyAction(observation)
    }

    /// One frame: act, store through the n-step window, reset on episode end, update once a batch is held.
    public func step() {
        precondition(!isFinished, "training has reached its frame budget")
        frame += 1
        let action = selectAction()
        let result = environment.step(action)
        let transition = Transition(observation: observation, action: action, reward: result.reward,
                                    nextObservation: result.observation, terminated: result.terminated,
                                    done: result.done)
        if nStepMemory != nil {
            if let pair = window.push(transition) {
                slotTargetVersion[memory.position] = -1
                memory.store(pair.oneStep)
                nStepMemory!.store(pair.nStep)
            }
        } else {
            slotTargetVersion[memory.position] = -1
            memory.store(transition)
        }
        observation = result.observation
        score += Double(result.reward)
        var row = TrainingMetrics.Row(frame: frame)
        if result.done {
            episodes += 1
            row.episode = episodes
            row.score = score
            score = 0
            observation = environment.reset(using: &generator)
        }
        if memory.count >= configuration.batchSize {
            row.loss = update()
            updates += 1
            row.update = updates
            epsilon = max(configuration.minEpsilon,
                          epsilon - (configuration.maxEpsilon - configuration.minEpsilon) * configuration.epsilonDecay)
            row.epsilon = epsilon
            if updates % configuration.targetUpdate == 0 {
                target = online
                targetVersion += 1
            }
        }
        if row.update != nil || row.score != nil { metrics.rows.append(row) }
    }

    /// One gradient step on a batch drawn from the 1-step memory and the same indices of the n-step memory.
    /// Called by `step()` each frame once the memory holds a batch; public so benchmarks can time it alone.
    @discardableResult
    public func update() -> Float {
        let indices = memory.sampleIndices(configuration.batchSize, using: &generator)
        memory.gather(indices, into: &oneStepBatch)
        if let nStepMemory { nStepMemory.gather(indices, into: &nStepBatch) }
        refreshTargetValues(indices)
        nextValues.removeAll(keepingCapacity: true)
        for i in indices { nextValues.append(slotTargetValues[i * 2]) }
        if nStepMemory != nil { for i in indices { nextValues.append(slotTargetValues[i * 2 + 1]) } }
        let values = loss.evaluate(online: online, oneStep: oneStepBatch, nStep: nStepMemory == nil ? nil : nStepBatch,
                                   nextValues: nextValues, gradient: &gradient)
        optimizer.update(&online.parameters, gradient: gradient)
        return values.total
    }

    /// Runs the target network on the next states of the drawn slots whose values are out of date.
    private func refreshTargetValues(_ indices: [Int]) {
        let hasNStep = nStepMemory != nil
        staleObservations.removeAll(keepingCapacity: true)
        var stale: [Int] = []
        for (row, slot) in indices.enumerated() where slotTargetVersion[slot] != targetVersion {
            stale.append(row)
            staleObservations.append(contentsOf: oneStepBatch.nextObservations[(row * 4)..<(row * 4 + 4)])
            if hasNStep { staleObservations.append(contentsOf: nStepBatch.nextObservations[(row * 4)..<(row * 4 + 4)]) }
        }
        guard !stale.isEmpty else { return }
        loss.targetValues(target, observations: staleObservations, into: &staleValues)
        let perRow = hasNStep ? 2 : 1
        for (k, row) in stale.enumerated() {
            let slot = indices[row]
            slotTargetValues[slot * 2] = staleValues[k * perRow]
            if hasNStep { slotTargetValues[slot * 2 + 1] = staleValues[k * perRow + 1] }
            slotTargetVersion[slot] = targetVersion
        }
    }
}

extension DQNAgent {
    /// The largest difference between a cached target value and the target network's value now, over
    /// every slot whose cache is current (for tests of the cache's invalidation).
    func targetCacheError() -> Float {
        var worst: Float = 0
        var values: [Float] = []
        for slot in 0..<memory.count where slotTargetVersion[slot] == targetVersion {
            let oneStepNext = memory.transition(at: slot).nextObservation
            var observations = (0..<4).map { oneStepNext[$0] }
            if let nStepMemory {
                let next = nStepMemory.transition(at: slot).nextObservation
                observations += (0..<4).map { next[$0] }
            }
            loss.targetValues(target, observations: observations, into: &values)
            worst = max(worst, abs(values[0] - slotTargetValues[slot * 2]))
            if nStepMemory != nil { worst = max(worst, abs(values[1] - slotTargetValues[slot * 2 + 1])) }
        }
        return worst
    }

    /// Slots whose target values are cached for the current target network.
    var cachedTargetSlots: Int { slotTargetVersion.filter { $0 == targetVersion }.count }
}
