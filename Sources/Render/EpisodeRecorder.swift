import Foundation

/// Turns the states of one episode into an MP4: each state drawn by `CartPoleFrame`, encoded by
/// `VideoEncoder`. Nothing appears at `url` until `finish()` succeeds.
public final class EpisodeRecorder {
    public let frame: CartPoleFrame
    public let encoder: VideoEncoder

    public init(url: URL, width: Int = 600, height: Int = 400, settings: VideoSettings = VideoSettings(),
                warn: (String) -> Void = { _ in }) throws {
        frame = try CartPoleFrame(width: width, height: height)
        encoder = try VideoEncoder(url: url, width: width, height: height, settings: settings, warn: warn)
    }

    /// Draws and encodes the next frame.
    public func append(_ state: CartPoleFrameState, headsUp: HeadsUp? = nil) throws {
        try frame.draw(state, headsUp: headsUp)
        try encoder.append(frame.canvas)
    }

    /// Frames appended so far.
    public var frameCount: Int { encoder.frameCount }

    public func finish() throws { try encoder.finish() }
}
