import Foundation
import TestSupport
import Testing

@testable import Render

@Suite struct EpisodeRecorderTests {
    /// A pole swinging while the cart drifts, `count` states.
    func states(_ count: Int) -> [CartPolePose] {
        (0..<count).map { CartPolePose(cartPosition: -1 + Double($0) * 0.02, poleAngle: 0.2 * sin(Double($0) / 8)) }
    }

    func psnr(_ a: RGBImage, _ b: RGBImage) -> Double {
        let squared = zip(a.pixels, b.pixels).reduce(0.0) { $0 + pow(Double($1.0) - Double($1.1), 2) }
        let mse = squared / Double(a.pixels.count)
        return 10 * log10(255 * 255 / max(mse, 1e-12))
    }

    @Test func anEpisodeBecomesAnMP4WithOneFramePerState() throws {
        let folder = try Fixtures.temporaryDirectory("episode")
        let url = folder.appendingPathComponent("rl-video-episode-0.mp4")
        let recorder = try EpisodeRecorder(url: url)
        let steps = 37
        for (i, state) in states(steps + 1).enumerated() {
            try recorder.append(
                state,
                headsUp: HeadsUp(
                    episode: 0, step: i, returnSoFar: Double(i), action: i < steps ? i % 2 : nil,
                    qValues: (1, 2)))
        }
        try recorder.finish()
        let probe = try probeVideo(url)
        #expect(probe.codec == "h264")
        #expect(probe.pixelFormat == "yuv420p")
        #expect(probe.frameRate == "50/1")
        #expect(probe.frames == steps + 1)
        #expect(abs(probe.duration - Double(steps + 1) / 50) < 0.021)

        // Frame 20 decoded back by ffmpeg matches the Cairo frame of the same state.
        let decoded = folder.appendingPathComponent("frame20.png")
        let result = try runProcess(
            "ffmpeg", ["-v", "error", "-i", url.path, "-vf", "select=eq(n\\,20)", "-vframes", "1", decoded.path])
        #expect(result.status == 0, "\(result.stderr)")
        let frame = try CartPoleRenderer()
        try frame.draw(
            states(steps + 1)[20], headsUp: HeadsUp(episode: 0, step: 20, returnSoFar: 20, action: 0, qValues: (1, 2)))
        let value = psnr(RGBImage(canvas: frame.canvas), try RGBImage(png: decoded))
        #expect(value >= 35, "PSNR \(value) dB")
    }

    @Test func settingsReachTheEncoder() throws {
        let folder = try Fixtures.temporaryDirectory("settings")
        let url = folder.appendingPathComponent("small.mp4")
        let recorder = try EpisodeRecorder(
            url: url, width: 300, height: 200, settings: VideoSettings(fps: 25, crf: 30, preset: "ultrafast"))
        for state in states(10) { try recorder.append(state) }
        try recorder.finish()
        let probe = try probeVideo(url)
        #expect(probe.width == 300 && probe.height == 200)
        #expect(probe.frameRate == "25/1")
        #expect(probe.frames == 10)
    }
}
