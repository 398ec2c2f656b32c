import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// `--seed` means what it means in Gymnasium: an evaluation's episode i starts from `env.reset(seed=S + i)`,
/// so the per-episode returns of a network PyTorch saved are those Gymnasium gives it (episodes.json, made
/// by scripts/reference/make_episode_fixture.py), long episodes of a trained agent included. The one
/// freedom: an episode whose nearest decision is a tie to float32's precision (`closest` below 1e-6) may
/// go the other way, as it may between PyTorch and numpy; all the others are equal, episode by episode.
@Suite struct GymnasiumEpisodesTests {
    @Test func evaluationsGiveGymnasiumsReturnsEpisodeByEpisode() throws {
        let cases = try Fixtures.json("episodes.json")["cases"].array
        #expect(cases.count >= 2)
        for item in cases {
            let file = try item["agent"].string
            let agent = try TrainedAgent.read(from: Fixtures.directory.appendingPathComponent("agents/\(file)"))
            let environment = try EnvironmentID(validating: try item["env"].string)
            let expected = try item["returns"].array.map { try $0.double }
            let played = try Evaluation.play(
                agent.network, environment: environment, episodes: expected.count, seed: UInt64(try item["seed"].int))
            let lengths = try item["lengths"].array.map { try $0.int }
            let closest = try item["closest"].array.map { try $0.double }
            var equal = 0
            for (index, episode) in played.enumerated() {
                if episode.returnValue == expected[index] && episode.length == lengths[index] {
                    equal += 1
                } else {
                    #expect(closest[index] < 1e-6, "\(file) on \(environment.rawValue), episode \(index)")
                }
            }
            #expect(equal * 10 >= played.count * 9, "\(file): \(equal) of \(played.count) episodes equal")
        }
    }
}
