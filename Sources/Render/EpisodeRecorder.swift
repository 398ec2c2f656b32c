import Foundation

/// Turns the states of one episode into an MP4: each state drawn by `CartPoleRenderer`, encoded by
/// `VideoEncoder`. Nothing appears at `url` until `finish()` succeeds.
public final class EpisodeRecorder {
    public let renderer: CartPoleRenderer
    public let encoder: VideoEncoder

    public init(url: URL, width: Int = 600, height: Int = 400, settings: VideoSettings = VideoSettings(),
                warn: (String) -> Void = { _ in }) throws {
        renderer = try CartPoleRenderer(width: width, height: height)
        encoder = try VideoEncoder(url: url, width: width, height: height, settings: settings, warn: warn)
    }

    /// Draws and encodes the next frame.
    public func append(_ state: CartPolePose, headsUp: HeadsUp? = nil) throws {
        try renderer.draw(state, headsUp: headsUp)
        try encoder.append(renderer.canvas)
    }

    /// Frames appended so far.
    public var frameCount: Int { encoder.frameCount }

    public func finish() throws { try encoder.finish() }
}
