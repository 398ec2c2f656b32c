import Agent
import CartPoleKit
import Foundation
import OutputFiles
import Render

/// Resident memory of the process in MiB (0 where the system does not say).
func residentMiB() -> Double { Double(Platform.residentBytes ?? 0) / 1_048_576 }

/// Records 100 greedy episodes (with HUD) in one process and prints the resident memory as it goes:
/// it should stay flat (no leak per frame or per video).
func benchmarkMemory(episodes: Int = 100) {
    var configuration = TrainingConfiguration()
    configuration.frames = 3000
    configuration.hidden = 32
    let agent = try! DQNAgent(configuration: configuration)
    while !agent.isFinished { agent.step() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-memory-\(getpid())")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var player = try! GreedyPlayer(network: agent.online, environment: .v0, seed: 1)
    var frames = 0
    var readings: [String] = []
    for episode in 1...episodes {
        let url = folder.appendingPathComponent("rl-video-episode-\(episode).mp4")
        let recorder = try! EpisodeRecorder(url: url)
        player.play { step in
            try! recorder.append(
                CartPolePose(step.state),
                headsUp: HeadsUp(
                    episode: episode, step: step.step, returnSoFar: step.returnSoFar,
                    action: step.action, qValues: (step.qValues[0], step.qValues[1])))
        }
        frames += recorder.frameCount
        try! recorder.finish()
        try! FileManager.default.removeItem(at: url)
        if [1, 10, 25, 50, 75, 100].contains(episode) {
            readings.append(String(format: "after %d: %.1f MiB", episode, residentMiB()))
        }
    }
    print(
        "resident memory while recording \(episodes) episodes (\(frames) frames): " + readings.joined(separator: ", "))
}
