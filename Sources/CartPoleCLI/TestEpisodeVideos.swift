import Agent
import Foundation
import Render

/// Plays greedy test episodes with a network and writes each as `rl-video-episode-{i}.mp4`.
struct TestEpisodeVideos {
    struct Result {
        let index: Int
        let returnValue: Double
        let length: Int
        let url: URL
    }

    struct Interrupted: Error, CustomStringConvertible {
        var description: String { "interrupted while recording" }
    }

    let network: QNetwork
    let environment: EnvironmentID
    let seed: UInt64
    let options: RecordingOptions
    let folder: URL
    let interrupts: Interrupts

    /// Gymnasium's RecordVideo naming, with the format's extension.
    static func fileName(_ index: Int, format: String = "mp4") -> String { "rl-video-episode-\(index).\(format)" }

    /// Records every episode; `report` hears of each as it completes.
    func run(report: (Result) -> Void) throws -> [Result] {
        let (width, height) = try options.dimensions
        var player = try GreedyPlayer(network: network, environment: environment, seed: seed)
        var results: [Result] = []
        for index in 0..<options.episodes {
            let url = folder.appendingPathComponent(Self.fileName(index, format: options.format))
            let recorder = try EpisodeRecorder(url: url, width: width, height: height, settings: options.settings,
                                               showsHeadsUp: !options.noHUD, qStrip: options.qStrip,
                                               warn: { Console.message("warning: \($0)") })
            let outcome = try player.play { step in
                if interrupts.requested { throw Interrupted() }
                let state = CartPolePose(cartPosition: step.state.x, poleAngle: step.state.theta)
                let hud = HeadsUp(episode: index, step: step.step, returnSoFar: step.returnSoFar,
                                                        action: step.action, qValues: (step.qValues[0], step.qValues[1]))
                try recorder.append(state, headsUp: hud)
            }
            try recorder.finish()
            let result = Result(index: index, returnValue: outcome.return, length: outcome.length, url: url)
            report(result)
            results.append(result)
        }
        return results
    }
}
