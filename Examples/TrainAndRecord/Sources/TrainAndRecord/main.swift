import Agent
import CartPoleKit
import Foundation

// Train the notebook's N-step DQN agent for a few thousand frames, then record one greedy episode of it:
// the jobs behind `cartpole train` and `cartpole record`, with the same checks, result folders and manifests.
let folder = CommandLine.arguments.dropFirst().first ?? "example-output"
var context = JobContext(version: "example")
context.note = { print($0) }

do {
    var configuration = TrainingConfiguration()  // the notebook's settings
    configuration.frames = 3000
    configuration.evalEpisodes = 5
    let outcome = try TrainJob(configuration: configuration).run(in: folder + "/train", context: context)
    print("trained \(outcome.agent.frame) frames, \(outcome.agent.episodes) episodes")

    var record = RecordJob(agents: [folder + "/train/agent.safetensors"])
    record.recording.episodes = 1
    if case .episodes(let episodes) = try record.run(in: folder + "/record", context: context) {
        for episode in episodes {
            print("\(episode.url.lastPathComponent): return \(Int(episode.returnValue)), length \(episode.length)")
        }
    }
} catch let error as JobError {
    print("error: \(error)")  // settings by name: "frames must be between 1 and 100000000 (got 0)"
    exit(error.isUsage ? 64 : 1)
}
