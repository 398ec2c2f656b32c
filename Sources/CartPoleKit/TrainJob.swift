import Agent
import Foundation
import OutputFiles

/// `cartpole train`: trains `configuration` into a result folder, whose manifest records every setting.
public struct TrainJob {
    /// The settings to train with.
    public var configuration: TrainingConfiguration
    /// Hears the agent as training goes, and once more (`finished`) at the end.
    public var progress: (DQNAgent, _ finished: Bool) -> Void = { _, _ in }

    /// The command its manifest names.
    public static let command = "train"

    /// A training with `configuration`.
    public init(configuration: TrainingConfiguration) { self.configuration = configuration }

    /// Refuses, before any output, settings that cannot train here.
    public func validate() throws(JobError) { try JobChecks.training(configuration) }

    /// Trains into the folder at `path` (created if missing), committed when done or stopped.
    public func run(in path: String, context: JobContext) throws -> TrainingSession.Outcome {
        try validate()
        let folder = try RunFolder.open(path, command: Self.command, outputs: TrainingSession.outputs, context: context)
        var session = TrainingSession(configuration: configuration, folder: folder.staging)
        session.threads = TrainingSession.threadsForOneTraining
        session.shouldStop = context.shouldStop
        session.progress = progress
        let outcome = try session.run()
        try folder.commit(settings: configuration.settingValues, interrupted: outcome.interrupted, context: context)
        return outcome
    }
}
