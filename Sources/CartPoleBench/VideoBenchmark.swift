import Foundation
import Render

/// Frames per second of each stage of recording a 500-step episode (501 frames, 600x400, HUD on),
/// and of libx264 alone on the same frames already in yuv420p at the same settings.
func benchmarkVideo(settings: VideoSettings = VideoSettings()) {
    let count = 501
    let states = (0..<count).map {
        CartPolePose(cartPosition: 1.5 * sin(Double($0) / 90), poleAngle: 0.15 * sin(Double($0) / 7))
    }
    func hud(_ i: Int) -> HeadsUp {
        HeadsUp(
            episode: 0, step: i, returnSoFar: Double(i), action: i % 2, qValues: (Float(80 + i % 7), Float(81 - i % 5)))
    }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-bench-\(getpid())")
    try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let clock = ContinuousClock()
    func rate(_ duration: Duration) -> Double { Double(count) / seconds(duration) }

    let frame = try! CartPoleRenderer()
    let drawing = rate(clock.measure { for i in 0..<count { try! frame.draw(states[i], headsUp: hud(i)) } })

    let converter = try! FrameConverter(width: 600, height: 400, sourceStride: frame.canvas.stride)
    let pictures = (0..<count).map { _ in try! VideoPicture(width: 600, height: 400) }
    var canvases: [[UInt8]] = []
    for i in 0..<count {
        try! frame.draw(states[i], headsUp: hud(i))
        canvases.append(frame.canvas.withPixels { Array($0) })
    }
    let conversion = rate(
        clock.measure {
            for i in 0..<count {
                canvases[i].withUnsafeBufferPointer { try! converter.convert(bgra: $0.baseAddress!, into: pictures[i]) }
            }
        })

    let tiles = ChangedTileConverter(width: 600, height: 400, sourceStride: frame.canvas.stride)
    let reused = try! VideoPicture(width: 600, height: 400)
    var tilesConverted = 0
    let changedOnly = rate(
        clock.measure {
            for i in 0..<count {
                canvases[i].withUnsafeBufferPointer { try! tiles.convert(bgra: $0.baseAddress!, into: reused) }
                tilesConverted += tiles.lastConvertedTiles
            }
        })

    let alone = rate(
        clock.measure {
            let encoder = try! VideoEncoder(
                url: folder.appendingPathComponent("alone.mp4"), width: 600, height: 400, settings: settings)
            for picture in pictures { try! encoder.append(picture) }
            try! encoder.finish()
        })

    let oneThread = rate(
        clock.measure {
            var single = settings
            single.threads = 1
            let encoder = try! VideoEncoder(
                url: folder.appendingPathComponent("one.mp4"), width: 600, height: 400, settings: single)
            for picture in pictures { try! encoder.append(picture) }
            try! encoder.finish()
        })

    let pipeline = rate(
        clock.measure {
            let recorder = try! EpisodeRecorder(
                url: folder.appendingPathComponent("rl-video-episode-0.mp4"), settings: settings)
            for i in 0..<count { try! recorder.append(states[i], headsUp: hud(i)) }
            try! recorder.finish()
        })
    print(String(format: "video 600x400, %d frames, preset %@, crf %d:", count, settings.preset, settings.crf))
    print(String(format: "  drawing (Cairo, HUD on)        %7.0f frames/s", drawing))
    print(
        String(
            format:
                "  BGRA -> yuv420p (libswscale)   %7.0f frames/s whole frames, %.0f frames/s changed tiles only (%.0f%% of tiles)",
            conversion, changedOnly, Double(tilesConverted) / Double(count * tiles.tileCount) * 100))
    print(
        String(
            format: "  libx264 alone on yuv420p       %7.0f frames/s (%.0f frames/s in one thread)", alone, oneThread))
    print(
        String(
            format: "  whole record pipeline          %7.0f frames/s (%.0f%% of x264 alone)", pipeline,
            pipeline / alone * 100))
}
