import Agent
import Foundation

/// Trains with progress on stderr until the frame budget or an interrupt, then writes
/// `metrics.csv` and `agent.safetensors` (both atomically) into the folder.
struct TrainingSession {
    let configuration: TrainingConfiguration
    let folder: URL
    let interrupts: Interrupts

    struct Outcome {
        let agent: DQNAgent
        let seconds: Double
        let interrupted: Bool
        let metricsURL: URL
        let checkpointURL: URL
    }

    /// - Parameter every: frames between calls of `periodic` (0 for never), e.g. to refresh the plot.
    func run(every: Int = 0, periodic: (DQNAgent) throws -> Void = { _ in }) throws -> Outcome {
        let agent = try DQNAgent(configuration: configuration)
        let progress = TrainingProgress(totalFrames: configuration.frames)
        while !agent.isFinished && !interrupts.requested {
            agent.step()
            if agent.frame % 64 == 0 { progress.update(agent) }
            if every > 0 && agent.frame % every == 0 && !agent.isFinished { try periodic(agent) }
        }
        progress.finish(agent)
        let seconds = progress.elapsedSeconds
        let metricsURL = folder.appendingPathComponent("metrics.csv")
        let checkpointURL = folder.appendingPathComponent("agent.safetensors")
        try MetricsCSV.write(agent.metrics, to: metricsURL)
        try checkpoint(agent).write(to: checkpointURL)
        return Outcome(agent: agent, seconds: seconds, interrupted: interrupts.requested,
                       metricsURL: metricsURL, checkpointURL: checkpointURL)
    }

    func checkpoint(_ agent: DQNAgent) -> Checkpoint {
        Checkpoint(network: agent.online, environment: configuration.environment, nStep: configuration.nStep,
                   gamma: configuration.gamma, seed: configuration.seed, frames: agent.frame)
    }
}

extension TrainingSession.Outcome {
    /// The closing lines for stdout.
    var summary: String {
        let rate = Double(agent.frame) / max(seconds, 1e-9)
        let mean = agent.metrics.recentMeanScore().map { String(format: "%.1f", $0) } ?? "no finished episode"
        return """
        trained \(agent.frame) frames in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", rate)) frames/s), \
        \(agent.episodes) episodes, mean of the last 10 scores: \(mean)
        metrics: \(metricsURL.path)
        agent:   \(checkpointURL.path)
        """
    }
}
