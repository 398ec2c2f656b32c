import Agent
import FileFormats
import Testing

@testable import CartPoleKit

/// A sequence's title cards (the progress video's among them) say what each agent is: a noisy network's card
/// also says how much noise its layers keep.
@Suite struct GridVideoTitleTests {
    func player(noisy: Bool) -> GridVideo.Player {
        var generator = SplitMix64(seed: 3)
        var training = TrainingConfiguration()
        training.hidden = 16
        training.noisy = noisy
        let network = QNetwork(hidden: 16, noisy: noisy, using: &generator)
        let checkpoint = Checkpoint(network: network, training: training, frames: 4000, evaluationMean: 150)
        return GridVideo.Player(name: "frame 4000", agent: TrainedAgent(checkpoint))
    }

    @Test func aNoisyNetworksCardSaysItsLayersMeanSigma() {
        let plain = GridVideo.titleCard(player(noisy: false), ending: "✓ time limit", lastFrame: 20000)
        #expect(plain == ["frame 4000 of 20000", "evaluation mean 150.0", "✓ time limit"])
        let noisy = GridVideo.titleCard(player(noisy: true), ending: "✓ time limit", lastFrame: 20000)
        // At the start, chapter 05's σ: 0.5/sqrt(16) for layer 1; layer 2's biases 0.5/sqrt(2).
        let second = (0.125 * 16 * 2 + 0.5 / 2.0.squareRoot() * 2) / 34
        #expect(noisy.count == 4 && noisy[2] == "noisy layers' mean |σ| 0.125, \(String(format: "%.3g", second))")
    }
}
