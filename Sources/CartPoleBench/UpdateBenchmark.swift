import Agent
import Foundation

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// Microseconds per update step at the seed configuration, measured on steady-state training frames
/// (every frame acts, steps the environment, stores, and makes one update: sampling, the target values
/// of stale slots, both losses, backward, Adam; the target network is copied every 100 updates), with the
/// kernels chosen for this processor, then with each other variant it runs.
func benchmarkUpdate() {
    let chosen = Kernels.chosen
    for kernels in [chosen] + Kernels.available.filter({ $0 != chosen }) {
        let (median, fastest, targetRows) = updateMicroseconds(kernels)
        let configuration = TrainingConfiguration()
        let h = Double(configuration.hidden)
        let b = Double(configuration.batchSize)
        let perRow = 4 * h + h * h + h * 2
        // Online forward (b rows), target forward (2b rows), backward (about twice the online forward),
        // counted in full although about half of the target forward is served from the cache.
        let flops = 2 * perRow * b + 2 * perRow * 2 * b + 4 * perRow * b
        print(
            String(
                format:
                    "update step, %@ kernels%@ (batch %d, hidden %d; one training frame, its update included): %.1f µs median, %.1f µs fastest of 10 stretches; %.1f implied GFLOP/s",
                kernels.name, kernels == chosen ? " (chosen)" : "", configuration.batchSize, configuration.hidden,
                median, fastest, flops / (median * 1e3)))
        if kernels == chosen {
            print(
                String(
                    format: "  rows through the target network per update: %.1f of %d (the others' values cached)",
                    targetRows, 2 * configuration.batchSize))
            benchmarkUpdateParts()
        }
    }
}

/// The update's largest parts alone, with the chosen kernels: one 32x128x128 product (an update has four:
/// online forward, target forward, dW2, dH1) and one Adam step over the network's parameters.
func benchmarkUpdateParts() {
    let kernels = Kernels.chosen
    let h = 128
    let rows = 32
    var generator = SplitMix64(seed: 3)
    let a = (0..<(rows * h)).map { _ in Float(generator.nextUnit() - 0.5) }
    let w = (0..<(h * h)).map { _ in Float(generator.nextUnit() - 0.5) }
    var c = [Float](repeating: 0, count: rows * h)
    func fastest(_ body: () -> Void) -> Double {
        let clock = ContinuousClock()
        return (0..<10).map { _ in seconds(clock.measure { for _ in 0..<1000 { body() } }) / 1000 }.min()! * 1e6
    }
    let product = fastest {
        c.withUnsafeMutableBufferPointer {
            kernels.gemm(m: rows, n: h, k: h, a: a, aRow: h, aColumn: 1, b: w, bRow: h, c: $0.baseAddress!, cRow: h)
        }
    }
    var parameters = QNetwork(hidden: h, using: &generator).parameters
    let gradient = parameters.map { $0 * 1e-3 }
    var adam = Adam(parameterCount: parameters.count, kernels: kernels)
    let step = fastest { adam.update(&parameters, gradient: gradient) }
    print(
        String(
            format:
                "  alone, %@ kernels, fastest of 10: a 32x128x128 product %.2f µs (%.0f GFLOP/s), four %.1f µs; Adam over %d parameters %.1f µs",
            kernels.name, product, 2 * Double(rows * h * h) / (product * 1e3), 4 * product, parameters.count, step))
}

/// Median and fastest microseconds per steady-state training frame over ten stretches of 1000 frames (the
/// fastest is the least disturbed by whatever else the machine runs; shared machines vary by half from
/// minute to minute).
private func updateMicroseconds(_ kernels: Kernels) -> (median: Double, fastest: Double, targetRows: Double) {
    let agent = try! DQNAgent(configuration: TrainingConfiguration(), kernels: kernels)
    // Fill the memories and pass the first updates, then time the steady state.
    for _ in 0..<3000 { agent.step() }
    let clock = ContinuousClock()
    let frames = 1000
    let updatesBefore = agent.updates
    let rowsBefore = agent.targetNetworkRows
    let stretches = (0..<10).map { _ in seconds(clock.measure { for _ in 0..<frames { agent.step() } }) }.sorted()
    precondition(agent.updates - updatesBefore == frames * stretches.count, "every steady-state frame makes one update")
    return (
        stretches[stretches.count / 2] / Double(frames) * 1e6, stretches[0] / Double(frames) * 1e6,
        Double(agent.targetNetworkRows - rowsBefore) / Double(agent.updates - updatesBefore)
    )
}
