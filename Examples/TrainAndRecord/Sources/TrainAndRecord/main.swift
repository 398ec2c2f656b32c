import Agent
import CartPoleKit
import Foundation

// Train the notebook's N-step DQN agent for a few thousand frames, then record one greedy episode of it.
let folder = URL(fileURLWithPath: CommandLine.arguments.dropFirst().first ?? "example-output")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)

var configuration = TrainingConfiguration()  // the notebook's settings
configuration.frames = 3000
configuration.evalEpisodes = 5
let session = TrainingSession(configuration: configuration, folder: folder)
let outcome = try session.run()
print("trained \(outcome.agent.frame) frames, \(outcome.agent.episodes) episodes")

var recording = RecordingSettings()
recording.episodes = 1
let videos = TestEpisodeVideos(
    network: outcome.agent.online, environment: configuration.environment,
    seed: configuration.seed, settings: recording, folder: folder)
for episode in try videos.run(report: { _ in }) {
    print("\(episode.url.path): return \(Int(episode.returnValue)), length \(episode.length)")
}
