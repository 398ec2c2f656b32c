import Agent
import CartPoleKit
import Foundation

extension TrainingSession.Outcome {
    /// The closing lines for stdout, naming the files as they are in `folder` once committed.
    func summary(in folder: URL) -> String {
        let rate = Double(agent.frame) / max(seconds, 1e-9)
        let mean = agent.metrics.recentMeanScore().map { String(format: "%.1f", $0) } ?? "no finished episode"
        return """
            trained \(agent.frame) frames in \(String(format: "%.2f", seconds)) s (\(String(format: "%.0f", rate)) frames/s), \
            \(agent.episodes) episodes, mean of the last 10 scores: \(mean)
            metrics: \(folder.appendingPathComponent("metrics.csv").path)
            agent:   \(folder.appendingPathComponent("agent.safetensors").path)
            """ + evaluationSummary(in: folder)
    }

    /// The evaluation lines, when evaluations were made.
    private func evaluationSummary(in folder: URL) -> String {
        guard let last = evaluation.points.last, let best = evaluation.best else { return "" }
        return String(
            format: "\nevaluation: mean %.1f over %d episodes at frame %d; best %.1f at frame %d",
            last.meanReturn, last.returns.count, last.frame, best.mean, best.frame)
            + "\neval:    \(folder.appendingPathComponent("eval.csv").path)"
            + "\nbest:    \(folder.appendingPathComponent("best.safetensors").path)"
    }
}

extension TrainingSession {
    /// Training progress on stderr, as `TrainJob` and `RunJob` report it.
    static func progressDisplay(frames: Int) -> (DQNAgent, Bool) -> Void {
        let display = TrainingProgress(totalFrames: frames)
        return { agent, finished in finished ? display.finish(agent) : display.update(agent) }
    }
}
