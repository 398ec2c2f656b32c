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

    private var targetCache: TargetValueCache
    private var nextValues: [Float] = []

    /// `kernels` defaults to those `Kernels.load()` chooses for this processor.
    public init(configuration: TrainingConfiguration, kernels: Kernels? = nil) throws(AgentError) {
        try configuration.validate()
        let kernels = if let kernels { kernels } else { try Kernels.load() }
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
        optimizer = Adam(parameterCount: online.parameters.count, learningRate: configuration.learningRate, kernels: kernels)
        loss = try DQNLoss(hidden: configuration.hidden, kernels: kernels)
        gradient = Array(repeating: 0, count: online.parameters.count)
        targetCache = TargetValueCache(capacity: configuration.memorySize, hasNStep: configuration.nStep > 1)
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
                                    nextObservation: result.observation,
                                    terminated: configuration.timeLimit.masksBootstrap(terminated: result.terminated,
                                                                                        truncated: result.truncated),
                                    done: result.done)
        if nStepMemory != nil {
            if let pair = window.push(transition) {
                targetCache.invalidate(slot: memory.position)
                memory.store(pair.oneStep)
                nStepMemory!.store(pair.nStep)
            }
        } else {
            targetCache.invalidate(slot: memory.position)
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
                targetCache.targetCopied()
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
        targetCache.values(for: indices, oneStep: oneStepBatch, nStep: nStepMemory == nil ? nil : nStepBatch,
                           target: target, loss: loss, into: &nextValues)
        let values = loss.evaluate(online: online, oneStep: oneStepBatch, nStep: nStepMemory == nil ? nil : nStepBatch,
                                   nextValues: nextValues, gradient: &gradient)
        optimizer.update(&online.parameters, gradient: gradient)
        return values.total
    }
}

extension DQNAgent {
    /// The largest difference between a cached target value and the target network's value now, over
    /// every slot whose cache is current (for tests of the cache's invalidation).
    func targetCacheError() -> Float {
        var worst: Float = 0
        var values: [Float] = []
        for slot in 0..<memory.count {
            guard let cached = targetCache.cached(slot: slot) else { continue }
            let oneStepNext = memory.transition(at: slot).nextObservation
            var observations = (0..<4).map { oneStepNext[$0] }
            if let nStepMemory {
                let next = nStepMemory.transition(at: slot).nextObservation
                observations += (0..<4).map { next[$0] }
            }
            loss.targetValues(target, observations: observations, into: &values)
            worst = max(worst, abs(values[0] - cached.oneStep))
            if nStepMemory != nil { worst = max(worst, abs(values[1] - cached.nStep)) }
        }
        return worst
    }

    /// Slots whose target values are cached for the current target network.
    var cachedTargetSlots: Int { (0..<configuration.memorySize).filter { targetCache.cached(slot: $0) != nil }.count }
}
