import Agent
import Foundation
import OutputFiles

/// `cartpole run`, the whole default job (`RunWorkflow`) in a result folder whose manifest records every
/// training and recording setting and how figures were written.
public struct RunJob {
    /// The settings to train with.
    public var configuration: TrainingConfiguration
    /// How the test episodes are recorded.
    public var recording: RecordingSettings
    /// A `checkpointEvery` of 0 is taken as 40 checkpoints for the progress video (for a run not told).
    public var checkpointsByDefault = true
    /// Frames between refreshes of training.png (0: only at the end).
    public var plotEvery = 1000
    /// How the figures are written (PNG always, which the report shows).
    public var figures = FigureOutput.png
    /// Hears the agent as training goes, and once more (`finished`) at the end.
    public var progress: (DQNAgent, _ finished: Bool) -> Void = { _, _ in }

    /// The command its manifest names.
    public static let command = "run"

    /// The default job, or one with these settings.
    public init(configuration: TrainingConfiguration = .init(), recording: RecordingSettings = .init()) {
        self.configuration = configuration
        self.recording = recording
    }

    /// Refuses, before any output, what cannot train or record here.
    public func validate() throws(JobError) {
        guard plotEvery >= 0 else {
            throw .value(setting: "plot-every", problem: "must be 0 or a positive number of frames (got \(plotEvery))")
        }
        try JobChecks.training(configuration)
        try recording.validate()
    }

    /// Does the job into the folder at `path` (created if missing), committed when done or stopped.
    public func run(in path: String, context: JobContext) throws -> RunWorkflow.Result {
        try validate()
        let folder = try RunFolder.open(path, command: Self.command, outputs: RunWorkflow.outputs, context: context)
        let (recording, note) = try recording.fittingMemory()
        if let note { context.note(SettingText(note)) }
        var session = TrainingSession(configuration: configuration, folder: folder.staging)
        session.threads = TrainingSession.threadsForOneTraining
        session.shouldStop = context.shouldStop
        session.progress = progress
        var workflow = RunWorkflow(
            session: session, recording: recording, version: context.version,
            checkpointsByDefault: checkpointsByDefault)
        workflow.plotEvery = plotEvery
        workflow.figures = figures
        workflow.shouldStop = context.shouldStop
        workflow.message = { context.note(SettingText($0)) }
        let result = try workflow.run(into: folder.staging)
        let settings = workflow.session.configuration.settingValues.merging(self.recording.settingValues) { $1 }
            .merging(["plot-every": "\(plotEvery)"]) { $1 }.merging(figures.settings) { $1 }
        do { try folder.commit(settings: settings, interrupted: result.interrupted, context: context) } catch {
            throw RunWorkflow.StepFailed(step: "moving the outputs into place", cause: error)
        }
        return result
    }
}
