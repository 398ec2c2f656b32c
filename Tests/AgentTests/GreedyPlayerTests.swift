import Testing

@testable import Agent

@Suite struct GreedyPlayerTests {
    /// A player told to read the Q-values alone (an evaluation's) plays the episodes the full readout
    /// plays (a video's), step for step, and its steps carry no distributions or streams.
    @Test(arguments: [(dueling: true, categorical: true), (dueling: true, categorical: false)])
    func theQValuesAloneGiveTheSameEpisodes(dueling: Bool, categorical: Bool) throws {
        var configuration = TrainingConfiguration()
        configuration.categorical = categorical
        if categorical { configuration.atoms = 11 }
        var generator = SplitMix64(seed: 3)
        let network = QNetwork(hidden: 16, dueling: dueling, support: configuration.support, using: &generator)
        func steps(fullReadout: Bool) throws -> [EpisodeStep] {
            var player = try GreedyPlayer(network: network, environment: .v0, seed: 11, epsilon: 0.2)
            player.fullReadout = fullReadout
            var steps: [EpisodeStep] = []
            for _ in 0..<3 { player.play { steps.append($0) } }
            return steps
        }
        let (full, lean) = (try steps(fullReadout: true), try steps(fullReadout: false))
        #expect(full.count == lean.count && full.count > 3)
        #expect(zip(full, lean).allSatisfy { $0.qValues == $1.qValues && $0.action == $1.action })
        #expect(lean.allSatisfy { $0.distributions == nil && $0.streams == nil })
        #expect(full.allSatisfy { categorical ? $0.distributions != nil : $0.streams != nil })
    }
}
