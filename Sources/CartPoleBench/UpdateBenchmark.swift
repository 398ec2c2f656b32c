import Agent
import Foundation

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Microseconds per update step (sampling, both losses, backward, Adam) at the seed configuration,
/// and per whole training frame (acting, environment, memories and the update).
func benchmarkUpdate() {
    let configuration = TrainingConfiguration()
    let agent = try! DQNAgent(configuration: configuration)
    // Fill the memories and pass the first updates, then time the steady state.
    for _ in 0..<3000 { agent.step() }
    let clock = ContinuousClock()
    let updates = 5000
    let updateTime = seconds(clock.measure { for _ in 0..<updates { agent.update() } })
    let frames = 5000
    let frameTime = seconds(clock.measure { for _ in 0..<frames { agent.step() } })

    let h = Double(configuration.hidden), b = Double(configuration.batchSize)
    let perRow = 4 * h + h * h + h * 2
    // Online forward (b rows), target forward (2b rows), backward (about twice the online forward).
    let flops = 2 * perRow * b + 2 * perRow * 2 * b + 4 * perRow * b
    let microseconds = updateTime / Double(updates) * 1e6
    print(String(format: "update step (batch %d, hidden %d: sample, 1-step + n-step loss, backward, Adam): %.1f µs, %.1f GFLOP/s",
                 configuration.batchSize, configuration.hidden, microseconds, flops / (microseconds * 1e3)))
    print(String(format: "training frame (act, environment step, memories, update): %.1f µs", frameTime / Double(frames) * 1e6))
}
