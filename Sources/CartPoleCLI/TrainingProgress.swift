import Agent
import CartPoleKit
import Foundation

/// Training progress on stderr: a live bar redrawn in place on a terminal, a plain line every few
/// seconds otherwise (logs, CI).
final class TrainingProgress {
    private let total: Int
    private let live: Bool
    private let clock = ContinuousClock()
    private let start: ContinuousClock.Instant
    private var lastDraw: ContinuousClock.Instant
    private let interval: Duration

    init(totalFrames: Int, live: Bool = Console.stderrIsTerminal) {
        total = totalFrames
        self.live = live
        start = clock.now
        lastDraw = start
        interval = live ? .milliseconds(100) : .seconds(5)
    }

    var elapsedSeconds: Double { (clock.now - start).seconds }

    /// Redraws when the display interval has passed; cheap to call every few frames.
    func update(_ agent: DQNAgent) {
        let now = clock.now
        guard now - lastDraw >= interval else { return }
        lastDraw = now
        draw(agent, final: false)
    }

    /// Draws the last state and ends the live line.
    func finish(_ agent: DQNAgent) {
        draw(agent, final: true)
    }

    private func draw(_ agent: DQNAgent, final: Bool) {
        let elapsed = max(elapsedSeconds, 1e-9)
        let rate = Double(agent.frame) / elapsed
        let left = rate > 0 ? Double(total - agent.frame) / rate : 0
        let mean = agent.metrics.recentMeanScore().map { String(format: "%.1f", $0) } ?? "-"
        let fraction = Double(agent.frame) / Double(total)
        let stats = String(
            format: "%d/%d frames  %.0f frames/s  %d episodes  score(10) %@  epsilon %.3f  %@ left",
            agent.frame, total, rate, agent.episodes, mean, agent.epsilon, Self.duration(left))
        if live {
            let width = 24
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            Console.status("\r\u{1B}[2K\(bar) \(stats)" + (final ? "\n" : ""))
        } else {
            Console.message("train: \(stats)")
        }
    }

    static func duration(_ seconds: Double) -> String {
        seconds < 60
            ? String(format: "%.1fs", seconds) : String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}
