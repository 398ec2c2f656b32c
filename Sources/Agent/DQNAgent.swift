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
                memory.store(pair.oneStep)
                nStepMemory!.store(pair.nStep)
            }
        } else {
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
            if updates % configuration.targetUpdate == 0 { target = online }
        }
        if row.update != nil || row.score != nil { metrics.rows.append(row) }
    }

    /// One gradient step on a batch drawn from the 1-step memory and the same indices of the n-step memory.
    /// Called by `step()` each frame once the memory holds a batch; public so benchmarks can time it alone.
    @discardableResult
    public func update() -> Float {
        let indices = memory.sampleIndices(configuration.batchSize, using: &generator)
        memory.gather(indices, into: &oneStepBatch)
        var values: LossValues
        if let nStepMemory {
            nStepMemory.gather(indices, into: &nStepBatch)
            values = loss.evaluate(online: online, target: target, oneStep: oneStepBatch, nStep: nStepBatch,
                                   gradient: &gradient)
        } else {
            values = loss.evaluate(online: online, target: target, oneStep: oneStepBatch, nStep: nil,
                                   gradient: &gradient)
        }
        optimizer.update(&online.parameters, gradient: gradient)
        return values.total
    }
}
