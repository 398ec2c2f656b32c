import CCairo
import Foundation
import TestSupport
import Testing

@testable import Render

/// Real encodes through libavformat/libavcodec/libswscale, checked with ffprobe.
@Suite struct VideoEncoderSmokeTests {
    /// Draws a red rectangle moving right across a white 64x48 canvas.
    func drawMovingRectangle(_ canvas: Canvas, frame: Int) {
        cairo_set_source_rgb(canvas.context, 1, 1, 1)
        cairo_paint(canvas.context)
        cairo_set_source_rgb(canvas.context, 1, 0, 0)
        cairo_rectangle(canvas.context, Double(frame * 2), 16, 12, 12)
        cairo_fill(canvas.context)
    }

    @Test func encodesEveryFrameAsH264() throws {
        let folder = try Fixtures.temporaryDirectory("smoke")
        let url = folder.appendingPathComponent("smoke.mp4")
        let canvas = try Canvas(width: 64, height: 48)
        let encoder = try VideoEncoder(url: url, width: 64, height: 48)
        for frame in 0..<17 {
            drawMovingRectangle(canvas, frame: frame)
            try encoder.append(canvas)
        }
        #expect(!FileManager.default.fileExists(atPath: url.path), "the video appears only when finished")
        try encoder.finish()

        let probe = try probeVideo(url)
        #expect(probe.codec == "h264")
        #expect(probe.pixelFormat == "yuv420p")
        #expect(probe.width == 64 && probe.height == 48)
        #expect(probe.frameRate == "50/1")
        #expect(probe.frames == 17)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        #expect(leftovers == ["smoke.mp4"])
    }

    @Test func anUnfinishedVideoLeavesNoFile() throws {
        let folder = try Fixtures.temporaryDirectory("unfinished")
        let url = folder.appendingPathComponent("dropped.mp4")
        do {
            let canvas = try Canvas(width: 64, height: 48)
            let encoder = try VideoEncoder(url: url, width: 64, height: 48)
            drawMovingRectangle(canvas, frame: 0)
            try encoder.append(canvas)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func withoutLibx264TheNativeMPEG4EncoderIsUsedWithAWarning() throws {
        let folder = try Fixtures.temporaryDirectory("fallback")
        let url = folder.appendingPathComponent("fallback.mp4")
        var warnings: [String] = []
        let canvas = try Canvas(width: 64, height: 48)
        let encoder = try VideoEncoder(
            url: url, width: 64, height: 48, settings: VideoSettings(),
            preferredEncoder: "no-such-encoder", warn: { warnings.append($0) })
        for frame in 0..<9 {
            drawMovingRectangle(canvas, frame: frame)
            try encoder.append(canvas)
        }
        try encoder.finish()
        #expect(encoder.codecName == "mpeg4")
        #expect(warnings == ["this libavcodec has no no-such-encoder; falling back to FFmpeg's mpeg4 encoder"])
        let probe = try probeVideo(url)
        #expect(probe.codec == "mpeg4" && probe.pixelFormat == "yuv420p" && probe.frames == 9)
    }

    @Test func oddSizesAreRefused() throws {
        let folder = try Fixtures.temporaryDirectory("odd")
        #expect(throws: RenderError.self) {
            _ = try VideoEncoder(url: folder.appendingPathComponent("odd.mp4"), width: 63, height: 48)
        }
    }

    @Test func anUnwritableFolderIsAClearError() throws {
        let url = URL(fileURLWithPath: "/nonexistent-folder-\(UUID().uuidString)/video.mp4")
        do {
            _ = try VideoEncoder(url: url, width: 64, height: 48)
            Issue.record("opening a video in a missing folder should fail")
        } catch let error as RenderError {
            #expect(error.description.contains("No such file or directory"))
        }
    }
}
