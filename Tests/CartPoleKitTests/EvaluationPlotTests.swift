import Agent
import CartPoleKit
import Testing

/// eval.png tells how the episodes ended: bins of whole returns for those that fell, a bar of their own for
/// those cut at the time limit, counts from 0, and a title that names what was evaluated.
@Suite struct EvaluationPlotTests {
    @Test func episodesAreSplitByHowTheyEnded() throws {
        var generator = SplitMix64(seed: 3)
        var network = QNetwork(hidden: 8, using: &generator)
        network.parameters = network.parameters.map { $0 * 3 }
        let episodes = try Evaluation.play(network, environment: .v0, episodes: 40, epsilon: 0.3, seed: 9)
        let summary = EvaluationSummary(episodes, bootstrapSeed: 0)
        let panel = EvaluationPlot.figure(
            episodes, summary: summary, environment: .v0, agent: "best.safetensors", epsilon: 0.3
        ).panels[0]
        let fell = episodes.filter { $0.ending == .terminated }
        #expect(panel.bars.count == 2)
        #expect(panel.bars[0].bars.map(\.value).reduce(0, +) == Double(fell.count))
        #expect(panel.bars[1].bars.map(\.value) == [Double(episodes.count - fell.count)])
        #expect(panel.bars[1].bars[0].x0 > 200, "the time limit's bar stands beyond the bins")
        for bar in panel.bars[0].bars {
            #expect(bar.x0 == bar.x0.rounded() && bar.x1 - bar.x0 == 10, "bins of whole returns, 10 wide")
        }
        #expect(panel.yRange?.lowerBound == 0)
        #expect(panel.title.hasPrefix("best.safetensors on CartPole-v0, epsilon 0.3: 40 episodes, IQM "))
    }
}
