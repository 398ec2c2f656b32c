import Agent
import FileFormats
import Foundation
import Render
import TestSupport
import Testing

@testable import CartPoleKit

/// Every kind of video the tool makes, from small untrained agents: test episodes (MP4, WebM, GIF, with the
/// heads-up display and the Q-strip), a grid, a sequence, the training-progress video and qmap's video, each
/// probed for its size and frame count. With `CARTPOLE_GALLERY=DIR` they are kept in DIR/videos, to be looked at.
@Suite struct VideoGalleryTests {
    let folder = try! Fixtures.galleryDirectory("videos")

    /// Agents of the default network size with their training frames, as checkpoints are.
    func players(_ count: Int) -> [GridVideo.Player] {
        var generator = SplitMix64(seed: 11)
        return (0..<count).map { i in
            GridVideo.Player(
                name: "agent \(i)",
                agent: TrainedAgent(
                    Checkpoint(
                        network: QNetwork(hidden: TrainingConfiguration().hidden, using: &generator),
                        training: TrainingConfiguration(), frames: 500 * (i + 1), evaluationMean: Double(9 + i))))
        }
    }

    @Test func everyKindOfVideo() throws {
        let agents = players(4)
        var settings = RecordingSettings()
        settings.episodes = 1
        settings.qStrip = true
        for container in VideoSettings.Container.allCases {
            settings.video.container = container
            let into = folder.appendingPathComponent("episodes-\(container.rawValue)")
            try FileManager.default.createDirectory(at: into, withIntermediateDirectories: true)
            let result = try RecordWorkflow(
                agents: [agents[0]], layout: .episodes, environment: .v0, seed: 1, settings: settings
            ).run(into: into)
            guard case .episodes(let episodes) = result, let episode = episodes.first else {
                Issue.record("one episode video")
                continue
            }
            let probe = try probeVideo(episode.url)
            #expect(probe.width == 600 && probe.height == 400, "\(container)")
            #expect(probe.frames == episode.length + 1, "\(container): T steps give T + 1 pictures")
        }
        settings.video.container = .mp4
        for layout in [RecordWorkflow.Layout.grid, .sequence] {
            let result = try RecordWorkflow(
                agents: layout == .grid ? agents : Array(agents.prefix(3)), layout: layout, environment: .v0, seed: 1,
                settings: settings
            ).run(into: folder)
            guard case .together(let url, let played) = result else {
                Issue.record("one \(layout) video")
                continue
            }
            let probe = try probeVideo(url)
            let longest = played.map(\.episode.length).max() ?? 0
            #expect(probe.width == 600 && probe.height == 400)
            // A grid lasts as long as its longest episode; a sequence adds a card and a held last picture per agent.
            #expect(
                layout == .grid
                    ? probe.frames == longest + 1
                    : probe.frames == played.map { $0.episode.length + 1 + 2 * settings.video.fps }.reduce(0, +),
                "\(layout): \(probe.frames) frames")
        }
        let progress = try ProgressVideo(
            url: folder.appendingPathComponent("training-progress.mp4"), training: TrainingConfiguration(),
            settings: settings, warn: { _ in }, shouldStop: { false })
        progress.add(frame: 0, network: agents[0].agent.checkpoint!.network)
        try progress.finish(final: agents[1].agent.checkpoint!.network, frame: 20000)
        #expect(try probeVideo(folder.appendingPathComponent("training-progress.mp4")).frames > 2 * settings.video.fps)
        let qmaps = try QMapFigure.write(
            Array(agents.prefix(2)), environment: .v0, seed: nil, video: true, into: folder)
        #expect(try probeVideo(qmaps[0]).frames == 2 * 25)
    }
}
