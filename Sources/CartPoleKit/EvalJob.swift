import Agent
import Foundation
import OutputFiles

/// `cartpole eval`: a saved agent's episodes without learning (`EvaluationWorkflow`) in a result folder
/// whose manifest records the agent, the episodes, epsilon, the environment, the first seed and the figure.
public struct EvalJob {
    /// The agent file.
    public var agent: String
    /// Episodes to play, 1 to 1000000.
    public var episodes = 100
    /// Probability of a random action at each step (0: greedy).
    public var epsilon = 0.0
    /// By default the agent's.
    public var environment: EnvironmentID?
    /// The first episode's seed (episode i uses S+i); by default the agent's training seed.
    public var seed: UInt64?
    /// How to draw the histogram of returns, eval.png; nil: none.
    public var histogram: FigureOutput?
    /// Hears how many episodes were played, after each one.
    public var progress: (Int) -> Void = { _ in }
    /// Hears how many episodes were played when their statistics start.
    public var summarising: (Int) -> Void = { _ in }

    /// The command its manifest names.
    public static let command = "eval"
    /// What it writes into its folder (`fnmatch` patterns).
    public static let outputs = ["eval.csv"] + FigureOutput.names("eval")

    /// An evaluation of the agent file at `agent`.
    public init(agent: String) { self.agent = agent }

    /// Refuses, before reading the agent, values that cannot be played.
    public func validate() throws(JobError) {
        try JobChecks.range(episodes, 1...1_000_000, "episodes")
        guard epsilon.isFinite && (0...1).contains(epsilon) else {
            throw .value(setting: "epsilon", problem: "must be in [0, 1] (got \(epsilon))")
        }
        try JobChecks.kernels()
    }

    /// Plays into the folder at `path` (created if missing), committed when done or stopped.
    public func run(in path: String, context: JobContext) throws -> (
        result: EvaluationWorkflow.Result, environment: EnvironmentID, firstSeed: UInt64
    ) {
        try validate()
        try RunFolder.checkOutputPath(path)
        let (trained, environment) = try AgentInput.load(agent, environment: environment, note: context.note)
        let firstSeed = seed ?? trained.seed
        guard UInt64.max - firstSeed >= UInt64(episodes - 1) else {
            throw JobError.value(
                setting: "seed",
                problem: "\(firstSeed) with \(episodes) \(setting: "episodes") passes the largest seed, "
                    + "\(UInt64.max) (episode i uses seed S+i); lower either")
        }
        let folder = try RunFolder.open(path, command: Self.command, outputs: Self.outputs, context: context)
        var workflow = EvaluationWorkflow(
            network: trained.network, environment: environment, episodes: episodes, firstSeed: firstSeed)
        workflow.epsilon = epsilon
        workflow.drawsHistogram = histogram != nil
        workflow.figures = histogram ?? .png
        workflow.agentName = MessageText.shown(URL(fileURLWithPath: agent).lastPathComponent)
        workflow.shouldStop = context.shouldStop
        workflow.progress = progress
        workflow.summarising = summarising
        let result = try workflow.run(into: folder.staging)
        let settings = [
            "agent": agent, "episodes": "\(episodes)", "epsilon": "\(epsilon)", "env": environment.rawValue,
            "seed": "\(firstSeed)", "plot": "\(histogram != nil)",
        ].merging(histogram?.settings ?? [:]) { $1 }
        try folder.commit(settings: settings, interrupted: result.interrupted, context: context)
        return (result, environment, firstSeed)
    }
}
