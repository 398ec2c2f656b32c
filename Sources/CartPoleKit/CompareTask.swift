import Agent
import Foundation

/// One run of a stored plan, by its index (from 0, in the plan's order): what an array job's task does.
/// A run already complete with the plan's settings is left as it is; two tasks of one index never write
/// its folder at once (the second is refused by the folder's lock).
public struct CompareTask {
    /// The plan it belongs to.
    public let plan: ComparisonPlan
    /// Its run's place in the plan, from 0.
    public let index: Int

    /// The environment variables array-job engines give each task its index in: Slurm, a Kubernetes
    /// Indexed Job, AWS Batch.
    public static let indexVariables = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX", "AWS_BATCH_JOB_ARRAY_INDEX"]

    /// The index given by the first of `indexVariables` that `environment` sets, with the variable's name.
    package static func index(from environment: [String: String]) -> (index: String, variable: String)? {
        for name in indexVariables { if let value = environment[name] { return (value, name) } }
        return nil
    }

    package init(plan: ComparisonPlan, index: Int) throws(AgentError) {
        guard plan.runs.indices.contains(index) else {
            throw .invalidValue(
                "task index \(index) is outside the plan's runs (0 to \(plan.runs.count - 1))")
        }
        self.plan = plan
        self.index = index
    }

    /// The run it makes.
    public var run: ComparisonRun { plan.runs[index] }

    /// What running the task did.
    public enum Outcome {
        /// The run was complete already; nothing was written.
        case alreadyComplete
        case trained(CompareRunner.Result)
    }

    /// Trains the run unless its folder holds it complete already.
    package func perform(
        version: String, arguments: [String], shouldStop: @escaping @Sendable () -> Bool = { false }
    ) -> Outcome {
        let loaded = CompareRunner.load([run])
        if loaded[0].run != nil { return .alreadyComplete }
        let runner = CompareRunner(jobs: 1, version: version, arguments: arguments, shouldStop: shouldStop)
        return .trained(runner.run([run], done: loaded)[0])
    }
}
