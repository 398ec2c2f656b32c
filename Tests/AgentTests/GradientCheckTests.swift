import Agent
import Testing

/// The analytic gradient against central finite differences of the loss.
@Suite struct GradientCheckTests {
    func randomBatch(rows: Int, using generator: inout SplitMix64) -> DQNBatch {
        func uniform(_ scale: Float) -> Float { Float(generator.nextUnit() * 2 - 1) * scale }
        return DQNBatch(
            observations: (0..<rows * 4).map { _ in uniform(1) },
            actions: (0..<rows).map { _ in generator.nextIndex(below: 2) },
            rewards: (0..<rows).map { _ in uniform(3) },
            nextObservations: (0..<rows * 4).map { _ in uniform(1) },
            discounts: (0..<rows).map { _ in 0.97 },
            masks: (0..<rows).map { _ in generator.nextIndex(below: 4) == 0 ? 1 : 0 })
    }

    /// On every variant of the kernels this processor runs; a hidden size of 8 and 6 rows fill no AVX-512
    /// vector, so the kernels' tails are what is checked here.
    @Test(arguments: [false, true], Kernels.available.map(\.name))
    func finiteDifferencesAgreeWithBackpropagation(sharedStart: Bool, kernelsName: String) throws {
        let kernels = try #require(Kernels.available.first { $0.name == kernelsName })
        var generator = SplitMix64(seed: 11)
        let hidden = 8
        let rows = 6
        let online = QNetwork(hidden: hidden, using: &generator)
        let target = QNetwork(hidden: hidden, using: &generator)
        let oneStep = randomBatch(rows: rows, using: &generator)
        var nStep = randomBatch(rows: rows, using: &generator)
        if sharedStart {
            nStep.observations = oneStep.observations
            nStep.actions = oneStep.actions
        }
        let loss = try DQNLoss(hidden: hidden, kernels: kernels)
        var gradient = [Float](repeating: 0, count: online.parameters.count)
        _ = loss.evaluate(online: online, target: target, oneStep: oneStep, nStep: nStep, gradient: &gradient)

        var scratch = gradient
        func lossAt(_ parameters: [Float]) -> Double {
            var network = online
            network.parameters = parameters
            return Double(
                loss.evaluate(
                    online: network, target: target, oneStep: oneStep, nStep: nStep,
                    gradient: &scratch
                ).total)
        }
        // Every parameter's numeric slope is measured, and the analytic gradient must agree with it: the
        // parameters that count are chosen by the numeric slope, so a bug that zeroes (or drops) gradients fails.
        var checked = 0
        let step: Float = 2e-3
        let center = lossAt(online.parameters)
        for i in online.parameters.indices {
            var plus = online.parameters
            var minus = online.parameters
            plus[i] += step
            minus[i] -= step
            let forward = (lossAt(plus) - center) / Double(step)
            let backward = (center - lossAt(minus)) / Double(step)
            // A ReLU or smooth-L1 kink inside the interval makes the one-sided slopes differ: not checkable.
            guard abs(forward - backward) <= 0.05 * max(abs(forward), abs(backward)) + 1e-6 else { continue }
            let numeric = (forward + backward) / 2
            #expect(
                abs(numeric - Double(gradient[i])) <= 5e-4 + 0.01 * abs(numeric),
                "parameter \(i): numeric \(numeric), analytic \(gradient[i])")
            if abs(numeric) > 1e-3 { checked += 1 }
        }
        #expect(checked > 30)
    }
}
