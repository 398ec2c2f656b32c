import Agent
import Foundation

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Microseconds per update step at the seed configuration, measured on steady-state training frames
/// (every frame acts, steps the environment, stores, and makes one update: sampling, the target values
/// of stale slots, both losses, backward, Adam; the target network is copied every 100 updates).
func benchmarkUpdate() {
    let configuration = TrainingConfiguration()
    let agent = try! DQNAgent(configuration: configuration)
    // Fill the memories and pass the first updates, then time the steady state.
    for _ in 0..<3000 { agent.step() }
    let clock = ContinuousClock()
    let frames = 10000
    let updatesBefore = agent.updates
    let elapsed = seconds(clock.measure { for _ in 0..<frames { agent.step() } })
    precondition(agent.updates - updatesBefore == frames, "every steady-state frame makes one update")

    let h = Double(configuration.hidden), b = Double(configuration.batchSize)
    let perRow = 4 * h + h * h + h * 2
    // Online forward (b rows), target forward (2b rows), backward (about twice the online forward),
    // counted in full although about half of the target forward is served from the cache.
    let flops = 2 * perRow * b + 2 * perRow * 2 * b + 4 * perRow * b
    let microseconds = elapsed / Double(frames) * 1e6
    print(String(format: "update step (batch %d, hidden %d; one training frame, its update included): %.1f µs, %.1f implied GFLOP/s",
                 configuration.batchSize, configuration.hidden, microseconds, flops / (microseconds * 1e3)))
}
