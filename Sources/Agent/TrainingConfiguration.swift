/// Everything that defines a training run; the defaults are the notebook's.
public struct TrainingConfiguration: Sendable, Equatable {
    public var environment: EnvironmentID = .v0
    public var frames = 20000
    public var memorySize = 2000
    public var batchSize = 32
    public var targetUpdate = 100
    public var epsilonDecay = 1.0 / 2000
    public var maxEpsilon = 1.0
    public var minEpsilon = 0.1
    public var gamma = 0.99
    public var nStep = 3
    public var seed: UInt64 = 777
    public var hidden = 128
    public var learningRate = 1e-3
    /// How a time-limit truncation enters the targets; the notebook's `terminal` by default.
    public var timeLimit = TimeLimit.terminal

    public init() {}

    /// Rejects values that cannot train, naming the option and what it needs.
    public func validate() throws(AgentError) {
        let s = AgentError.setting
        func require(_ condition: Bool, _ message: String) throws(AgentError) {
            if !condition { throw AgentError.invalidValue(message) }
        }
        try require(
            frames > 0 && frames <= 100_000_000, "\(s("frames")) must be between 1 and 100000000 (got \(frames))")
        try require(
            memorySize > 0 && memorySize <= 10_000_000,
            "\(s("memory-size")) must be between 1 and 10000000 (got \(memorySize))")
        try require(
            batchSize > 0 && batchSize <= 65536, "\(s("batch-size")) must be between 1 and 65536 (got \(batchSize))")
        try require(
            batchSize <= memorySize,
            "\(s("batch-size")) (\(batchSize)) must not exceed \(s("memory-size")) (\(memorySize)): a batch is drawn from the memory"
        )
        try require(
            targetUpdate > 0, "\(s("target-update")) must be a positive number of updates (got \(targetUpdate))")
        try require(
            epsilonDecay.isFinite && epsilonDecay > 0 && epsilonDecay <= 1,
            "\(s("epsilon-decay")) must be in (0, 1] (got \(epsilonDecay))")
        try require(
            maxEpsilon.isFinite && (0...1).contains(maxEpsilon),
            "\(s("max-epsilon")) must be in [0, 1] (got \(maxEpsilon))")
        try require(
            minEpsilon.isFinite && (0...1).contains(minEpsilon),
            "\(s("min-epsilon")) must be in [0, 1] (got \(minEpsilon))")
        try require(
            minEpsilon <= maxEpsilon,
            "\(s("min-epsilon")) (\(minEpsilon)) must not exceed \(s("max-epsilon")) (\(maxEpsilon))")
        try require(gamma.isFinite && gamma > 0 && gamma <= 1, "\(s("gamma")) must be in (0, 1] (got \(gamma))")
        try require(nStep >= 1 && nStep <= 1000, "\(s("n-step")) must be between 1 and 1000 (got \(nStep))")
        try require(hidden >= 1 && hidden <= 4096, "\(s("hidden")) must be between 1 and 4096 (got \(hidden))")
        try require(
            learningRate.isFinite && learningRate > 0 && learningRate < 10,
            "\(s("lr")) must be a positive learning rate below 10 (got \(learningRate))")
        // The network computes in Float: a rate that is 0 or subnormal there moves no weight.
        try require(
            Float(learningRate).isNormal,
            "\(s("lr")) \(learningRate) is below the smallest normal 32-bit float (\(Float.leastNormalMagnitude)), the network's precision: it would change nothing"
        )
        try require(
            frames >= batchSize,
            "\(s("frames")) (\(frames)) ends before the replay memory holds one batch (\(s("batch-size")) \(batchSize)): no update would be made"
        )
    }
}
