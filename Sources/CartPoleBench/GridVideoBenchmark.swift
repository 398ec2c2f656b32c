import Foundation
import Render

/// A 2x2 grid at 1200x800 (four agents, 201 frames) through the whole pipeline, against libx264 alone on
/// the same frames already in yuv420p; and the same single-agent episode as MP4, WebM and GIF.
func benchmarkGridVideo(settings: VideoSettings = VideoSettings()) {
    let count = 201
    func tiles(_ i: Int) -> [GridRecorder.Tile] {
        (0..<4).map { k in
            let phase = Double(k) * 0.7
            return GridRecorder.Tile(
                pose: CartPolePose(
                    cartPosition: 1.2 * sin(Double(i) / 60 + phase), poleAngle: 0.12 * sin(Double(i) / 9 + phase)),
                name: "frame \((k + 1) * 5000)", step: i, returnSoFar: Double(i),
                ending: k == 3 && i > 150 ? EpisodeEnding("fell at step 150", success: false) : nil)
        }
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-bench-grid-\(getpid())")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let clock = ContinuousClock()
    func rate(_ duration: Duration, _ frames: Int = count) -> Double { Double(frames) / seconds(duration) }

    // The grid's frames, drawn once and kept as yuv420p for libx264 alone.
    let drawer = try! GridRecorder(url: folder.appendingPathComponent("draw.mp4"), tiles: 4, width: 1200, height: 800)
    let converter = try! FrameConverter(width: 1200, height: 800, sourceStride: drawer.canvas.stride)
    var pictures: [VideoPicture] = []
    for i in 0..<count {
        try! drawer.append(tiles(i))  // draws into its canvas (its own video is discarded)
        let picture = try! VideoPicture(width: 1200, height: 800)
        drawer.canvas.withPixels { try! converter.convert(bgra: $0.baseAddress!, into: picture) }
        pictures.append(picture)
    }
    // Alternated, five rounds: the machine's speed drifts between two measurements taken apart.
    var ratios: [Double] = []
    var alones: [Double] = []
    var pipelines: [Double] = []
    for _ in 0..<5 {
        let alone = rate(
            clock.measure {
                let encoder = try! VideoEncoder(
                    url: folder.appendingPathComponent("alone.mp4"), width: 1200, height: 800, settings: settings)
                for picture in pictures { try! encoder.append(picture) }
                try! encoder.finish()
            })
        let pipeline = rate(
            clock.measure {
                let recorder = try! GridRecorder(
                    url: folder.appendingPathComponent("grid.mp4"), tiles: 4, width: 1200, height: 800,
                    settings: settings)
                for i in 0..<count { try! recorder.append(tiles(i)) }
                try! recorder.finish()
            })
        alones.append(alone)
        pipelines.append(pipeline)
        ratios.append(pipeline / alone)
    }
    func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }
    print(
        String(
            format: "grid video 2x2 at 1200x800, %d frames, preset %@, crf %d, five alternated rounds:", count,
            settings.preset, settings.crf))
    print(
        String(
            format: "  libx264 alone on yuv420p       %7.0f frames/s median (%.0f-%.0f)", median(alones), alones.min()!,
            alones.max()!))
    print(
        String(
            format: "  whole grid pipeline            %7.0f frames/s median (%.0f-%.0f)", median(pipelines),
            pipelines.min()!, pipelines.max()!))
    print(
        String(
            format: "  pipeline / x264 alone, per round: median %.0f%% (%.0f%%-%.0f%%)", median(ratios) * 100,
            ratios.min()! * 100, ratios.max()! * 100))

    // One 600x400 episode in each format.
    for container in VideoSettings.Container.allCases {
        var format = settings
        format.container = container
        let url = folder.appendingPathComponent("episode.\(container.rawValue)")
        let recorded = rate(
            clock.measure {
                let recorder = try! EpisodeRecorder(url: url, settings: format)
                for i in 0..<count {
                    try! recorder.append(
                        CartPolePose(cartPosition: sin(Double(i) / 50), poleAngle: 0.1 * sin(Double(i) / 8)),
                        headsUp: HeadsUp(episode: 0, step: i, returnSoFar: Double(i), action: i % 2, qValues: (80, 81)))
                }
                try! recorder.finish()
            })
        let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        print(
            String(format: "  600x400 episode as %@: %7.0f frames/s, %d KB", container.rawValue, recorded, size / 1024))
    }
}
