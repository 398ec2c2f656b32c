/// The notebook's `DQNAgent`: epsilon-greedy acting, the paired 1-step and n-step memories, the combined
/// loss, Adam, linear epsilon decay and hard target updates, stepped one frame at a time.
public final class DQNAgent {
    /// The settings it trains with.
    public let configuration: TrainingConfiguration
    /// The network that acts and learns.
    public private(set) var online: QNetwork
    package private(set) var target: QNetwork
    /// The probability of a random action now.
    public private(set) var epsilon: Double
    /// Environment steps taken.
    public private(set) var frame = 0
    /// Gradient updates made.
    public private(set) var updates = 0
    /// Training episodes finished.
    public private(set) var episodes = 0
    /// Every frame's loss, epsilon and finished episode's score, as metrics.csv holds them.
    public private(set) var metrics = TrainingMetrics()

    /// The agent's randomness (initial weights, epsilon-greedy, replay sampling): ours, as the notebook's
    /// is PyTorch's and numpy's global state.
    private var generator: SplitMix64
    /// The environment's, as Gymnasium's: `reset(seed=seed)` first, then `reset()` continuing it (or seeded
    /// again at every reset, as the rainbow chapters reset).
    private var resets: NumpyPCG64
    private var environment: CartPole
    /// What the agent sees now: after an episode's end, the next episode's first observation.
    package private(set) var observation: Observation
    private var score = 0.0
    private var memory: ReplayMemory
    private var nStepMemory: ReplayMemory?
    /// The 1-step memory's priorities, with prioritized replay.
    private var priorities: PrioritizedReplay?
    private var window: NStepWindow
    private var optimizer: Adam
    private let loss: DQNLoss
    private var gradient: [Float]
    /// A noisy network's weights with this update's noise (what acts and learns), and its gradient.
    private var noisyOnline: QNetwork?
    private var noisyWeightsGradient: [Float] = []
    private var oneStepBatch = DQNBatch()
    private var nStepBatch = DQNBatch()

    private var targetCache: TargetValueCache
    private var nextValues: [Float] = []
    private var nextObservations: [Float] = []
    /// The second thread that computes `nextValues` while the online network runs (see `init`).
    private var companion: Companion?

    /// A new agent for `configuration`, its networks initialised from its seed.
    /// - Throws: `AgentError` for a configuration that cannot train (see `TrainingConfiguration.validate`).
    public convenience init(configuration: TrainingConfiguration) throws(AgentError) {
        try self.init(configuration: configuration, kernels: nil)
    }

    /// `kernels` nil: those `Kernels.load()` chooses for this processor. `threads: 2` runs the next states'
    /// pass through the target network, when an update computes it afresh (Double DQN, categorical networks),
    /// on a second thread (`Companion`) beside the online network's passes: the same bytes, sooner when a
    /// second core is free.
    package convenience init(configuration: TrainingConfiguration, kernels: Kernels? = nil, threads: Int = 1)
        throws(AgentError)
    {
        try self.init(configuration: configuration, kernels: kernels, sharesTargetValues: true, threads: threads)
    }

    /// `sharesTargetValues: false` computes every n-step target value on its own (for the test that
    /// sharing them with 1-step values changes nothing).
    init(configuration: TrainingConfiguration, kernels: Kernels?, sharesTargetValues: Bool, threads: Int = 1)
        throws(AgentError)
    {
        try configuration.validate()
        if threads > 1 && configuration.computesNextValuesAfresh { companion = Companion() }
        let kernels = if let kernels { kernels } else { try Kernels.load() }
        self.configuration = configuration
        generator = SplitMix64(seed: configuration.seed)
        let shape = configuration.networkShape
        online = QNetwork(
            hidden: shape.hidden, dueling: shape.dueling, noisy: shape.noisy, support: shape.support,
            embedding: shape.embedding, quantiles: shape.quantiles, sigma0: configuration.sigma0, using: &generator)
        target = online
        epsilon = configuration.maxEpsilon
        environment = CartPole(id: configuration.environment)
        resets = NumpyPCG64(seed: configuration.seed)
        observation = environment.reset(using: &resets)
        memory = ReplayMemory(capacity: configuration.memorySize, gamma: configuration.gamma)
        if configuration.nStep > 1 {
            nStepMemory = ReplayMemory(capacity: configuration.memorySize, gamma: configuration.gamma)
        }
        if configuration.prioritized {
            priorities = PrioritizedReplay(capacity: configuration.memorySize, alpha: configuration.alpha)
        }
        window = NStepWindow(n: configuration.nStep, gamma: configuration.gamma)
        optimizer = Adam(
            parameterCount: online.parameters.count, learningRate: configuration.learningRate, kernels: kernels)
        loss = try DQNLoss(
            hidden: shape.hidden, dueling: shape.dueling, support: shape.support, embedding: shape.embedding,
            fractions: configuration.fractions, kernels: kernels)
        gradient = Array(repeating: 0, count: online.parameters.count)
        if configuration.noisy {
            noisyOnline = online.withNoise
            noisyWeightsGradient = Array(repeating: 0, count: online.sigmaOffset)
        }
        targetCache = TargetValueCache(capacity: configuration.memorySize, sharesValues: sharesTargetValues)
    }

    deinit { companion?.close() }

    /// Whether it has taken all the frames its configuration asks for.
    public var isFinished: Bool { frame >= configuration.frames }

    /// Next observations run through the target network so far (the others' values came from its cache).
    package var targetNetworkRows: Int { targetCache.computedRows }

    /// Epsilon-greedy: a random action with probability epsilon, else the greedy one (an implicit
    /// quantile network's by its mean over random fractions, as chapter 09 acts).
    func selectAction() -> Int {
        if epsilon > generator.nextUnit() { return generator.nextIndex(below: 2) }
        let network = noisyOnline ?? online
        guard network.quantile else { return network.greedyAction(observation) }
        let taus = (0..<configuration.quantileSamples).map { _ in generator.nextUnitFloat() }
        return network.quantileReadout(observation, taus: taus).q.greedyAction
    }

    /// One frame: act, store through the n-step window, reset on episode end, update once a batch is held.
    public func step() {
        precondition(!isFinished, "training has reached its frame budget")
        frame += 1
        let action = selectAction()
        let result = environment.step(action)
        let transition = Transition(
            observation: observation, action: action, reward: result.reward,
            nextObservation: result.observation,
            masksBootstrap: configuration.timeLimit.masksBootstrap(
                terminated: result.terminated,
                truncated: result.truncated),
            done: result.done)
        if nStepMemory != nil {
            if let pair = window.push(transition) {
                store(pair.oneStep)
                nStepMemory?.store(pair.nStep)
            }
        } else {
            store(transition)
        }
        observation = result.observation
        score += Double(result.reward)
        var row = TrainingMetrics.Row(frame: frame)
        if result.done {
            episodes += 1
            row.episode = episodes
            row.score = score
            score = 0
            if configuration.reset == .every { resets = NumpyPCG64(seed: configuration.seed) }
            observation = environment.reset(using: &resets)
        }
        if memory.count >= configuration.batchSize {
            row.loss = update()
            updates += 1
            row.update = updates
            epsilon = max(
                configuration.minEpsilon,
                epsilon - (configuration.maxEpsilon - configuration.minEpsilon) * configuration.epsilonDecay)
            row.epsilon = epsilon
            if updates % max(1, configuration.frames / TrainingMetrics.priorityPoints) == 0 {
                row.priorities = priorities?.quantiles(count: memory.count)
                if online.noisy { row.sigmas = online.meanAbsoluteSigmas }
            }
            if updates % configuration.targetUpdate == 0 {
                target = online
                targetCache.targetCopied()
            }
        }
        if row.update != nil || row.score != nil { metrics.rows.append(row) }
    }

    /// Stores a 1-step transition, at the largest priority with prioritized replay.
    private func store(_ transition: Transition) {
        let slot = memory.position
        targetCache.invalidate(slot: slot)
        memory.store(transition)
        priorities?.stored(at: slot)
    }

    /// Prioritized replay's importance-weight exponent now: from `beta` at the start to 1 at the last
    /// frame, as the chapter sets it each frame before the update.
    package var beta: Double {
        let fraction = min(Double(frame) / Double(configuration.frames), 1)
        return configuration.beta + fraction * (1 - configuration.beta)
    }

    /// One gradient step on a batch drawn from the 1-step memory and the same indices of the n-step memory.
    /// Called by `step()` each frame once the memory holds a batch; package so benchmarks can time it alone.
    @discardableResult
    package func update() -> Float {
        let indices: [Int]
        var weights: [Float]?
        if let priorities {
            (indices, weights) = priorities.sample(
                count: memory.count, batch: configuration.batchSize, beta: beta, uniform: { generator.nextUnit() })
        } else {
            indices = memory.sampleIndices(configuration.batchSize, using: &generator)
        }
        memory.gather(indices, into: &oneStepBatch)
        if let nStepMemory { nStepMemory.gather(indices, into: &nStepBatch) }
        let values: LossValues
        if configuration.computesNextValuesAfresh {
            // The online network changes every update, so Double DQN's values are computed afresh; a
            // categorical network's are distributions, too many to keep per slot; an implicit quantile
            // network's are quantiles at fractions drawn for this update.
            if let fractions = configuration.fractions { drawFractions(fractions) }
            nextObservations = oneStepBatch.nextObservations
            if nStepMemory != nil { nextObservations += nStepBatch.nextObservations }
            // The target network's pass on the companion thread (when there is one); Double DQN's online pass
            // and the online network's pass on the start states (in `evaluate`) on this one.
            let (loss, target, companion) = (loss, target, companion)
            let rows = loss.setNextStates(nextObservations)
            values = Companion.both(
                on: companion, { loss.runTarget(target, rows: rows) },
                meanwhile: {
                    if configuration.double { loss.runOnlineOnNextStates(noisyOnline ?? online, rows: rows) }
                    return evaluate(weights: weights) {
                        companion?.wait()
                        loss.collectNextValues(rows: rows, double: configuration.double, into: &nextValues)
                        return nextValues
                    }
                })
        } else {
            targetCache.values(
                for: indices, memory: memory, nStepMemory: nStepMemory, oneStep: oneStepBatch,
                nStep: nStepMemory == nil ? nil : nStepBatch, target: target, loss: loss, into: &nextValues)
            values = evaluate(weights: weights) { nextValues }
        }
        if configuration.clipGradNorm > 0 { GradientClipping.clip(&gradient, maxNorm: configuration.clipGradNorm) }
        optimizer.update(&online.parameters, gradient: gradient)
        if var noisy = noisyOnline {
            noisyOnline = nil  // one owner of its storage while it is rewritten
            online.resetNoise(using: &generator)
            online.applyNoise(to: &noisy, kernels: loss.kernels)
            noisyOnline = noisy
        }
        if priorities != nil {
            let epsilon = Float(configuration.priorEps)
            priorities?.update(indices, priorities: loss.rowLosses.map { $0 + epsilon })
        }
        return values.total
    }
}

extension DQNAgent {
    /// The loss and gradient of the batches drawn, the next states' values given by `nextValues` once the
    /// online network has run on the start states; a noisy network's gradient is taken through its noisy
    /// weights (μ's gradient is theirs, σ's that times ε).
    private func evaluate(weights: [Float]?, nextValues: () -> [Float]) -> LossValues {
        let nStep = nStepMemory == nil ? nil : nStepBatch
        guard let noisyOnline else {
            return loss.evaluate(
                online: online, oneStep: oneStepBatch, nStep: nStep, weights: weights, gradient: &gradient,
                nextValues: nextValues)
        }
        let values = loss.evaluate(
            online: noisyOnline, oneStep: oneStepBatch, nStep: nStep, weights: weights,
            gradient: &noisyWeightsGradient, nextValues: nextValues)
        online.noisyGradient(from: noisyWeightsGradient, into: &gradient, kernels: loss.kernels)
        return values
    }

    /// Draws this update's fractions for the loss: for each batch (1-step, then n-step), the online
    /// network's per row, then the target network's, then the acting ones (Double DQN's), as chapter 09
    /// draws them in each `_compute_dqn_loss` call.
    private func drawFractions(_ fractions: DQNLoss.Fractions) {
        let batches = nStepMemory == nil ? 1 : 2
        let rows = configuration.batchSize
        var drawn = (online: [Float](), target: [Float](), acting: [Float]())
        for _ in 0..<batches {
            for _ in 0..<(rows * fractions.online) { drawn.online.append(generator.nextUnitFloat()) }
            for _ in 0..<(rows * fractions.target) { drawn.target.append(generator.nextUnitFloat()) }
            guard configuration.double else { continue }
            for _ in 0..<(rows * fractions.acting) { drawn.acting.append(generator.nextUnitFloat()) }
        }
        loss.setFractions(online: drawn.online, target: drawn.target, acting: drawn.acting)
    }

    /// The largest difference between a cached target value and the target network's value now, over
    /// every slot whose cache is current (for tests of the cache's invalidation and sharing).
    func targetCacheError() -> Float {
        var worst: Float = 0
        var values: [Float] = []
        for slot in 0..<memory.count {
            let cached = targetCache.cached(slot: slot, memory: memory, nStepMemory: nStepMemory)
            if let value = cached.oneStep {
                let next = memory.transition(at: slot).nextObservation
                loss.targetValues(target, observations: (0..<4).map { next[$0] }, into: &values)
                worst = max(worst, abs(values[0] - value))
            }
            if let nStepMemory, let value = cached.nStep {
                let next = nStepMemory.transition(at: slot).nextObservation
                loss.targetValues(target, observations: (0..<4).map { next[$0] }, into: &values)
                worst = max(worst, abs(values[0] - value))
            }
        }
        return worst
    }

    /// Slots with a cached 1-step value for the current target network.
    var cachedTargetSlots: Int {
        (0..<memory.count).filter {
            targetCache.cached(slot: $0, memory: memory, nStepMemory: nStepMemory).oneStep != nil
        }.count
    }

    /// N-step values served by a partner slot's 1-step value, over the slots held.
    var sharedTargetSlots: Int {
        guard let nStepMemory else { return 0 }
        return (0..<memory.count).filter {
            targetCache.partner(of: $0, memory: memory, nStepMemory: nStepMemory) != nil
        }.count
    }
}
