import Testing

@testable import Agent

/// What an implicit quantile network shows when it is played: its Q-values, the mean of its quantiles at the
/// midpoint fractions, and its return distributions, those quantiles on the pictures' grid.
@Suite struct QuantileNetworkTests {
    @Test func aPlayedNetworksQValuesAreItsQuantilesMeanAtTheMidpoints() throws {
        var generator = SplitMix64(seed: 12)
        let network = QNetwork(
            hidden: 16, dueling: true, noisy: true, embedding: 8, quantiles: 6, using: &generator)
        let observation = Observation(0.1, -0.4, 0.05, 0.3)
        let midpoints = QNetwork.midpoints(6)
        #expect(midpoints == [1, 3, 5, 7, 9, 11].map { Float($0) / 12 })
        let quantiles = network.quantileValues(observations: (0..<4).map { observation[$0] }, taus: midpoints)
        let readout = network.evaluate(observation)
        for action in 0..<2 {
            let mean = stride(from: action, to: quantiles.count, by: 2).reduce(0) { $0 + quantiles[$1] } / 6
            #expect(abs(readout.q[action] - mean) <= 1e-6 * max(1, abs(mean)))
        }
        #expect(network.qValues(observation) == readout.q, "one Q-value, with or without the distributions")
        let streams = try #require(readout.streams)
        #expect(abs(streams.value + streams.advantages[0] - readout.q[0]) < 1e-5, "Q = V + A, averaged")
        let distributions = try #require(readout.distributions)
        #expect(distributions.support == QNetwork.quantileGrid)
        for action in 0..<2 { #expect(abs(distributions.action(action).reduce(0, +) - 1) < 1e-6) }
    }

    @Test func quantilesAreSplitBetweenTheGridPointsAroundThem() {
        // Two fractions: left's quantiles 10 and 50 (between atoms), right's -3 and 250 (clamped to the ends).
        let quantiles: [Float] = [10, -3, 50, 250]
        let grid = quantiles.withUnsafeBufferPointer { QNetwork.gridDistributions($0.start, fractions: 2) }
        let step = QNetwork.quantileGrid[1]
        #expect(step == 4)
        let left = Array(grid.action(0))
        #expect(left[2] == 0.25 && left[3] == 0.25 && left[12] == 0.25 && left[13] == 0.25)
        let mean = zip(grid.support, left).reduce(0) { $0 + $1.0 * $1.1 }
        #expect(abs(mean - 30) < 1e-4, "the mean is the quantiles' inside the grid")
        let right = Array(grid.action(1))
        #expect(right[0] == 0.5 && right[50] == 0.5 && right.reduce(0, +) == 1)
    }
}
