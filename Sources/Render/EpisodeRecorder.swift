import Foundation

/// Turns the states of one episode into a video (MP4, WebM or GIF, as its settings say): each state drawn by `CartPoleRenderer`, encoded by
/// `VideoEncoder`. Nothing appears at `url` until `finish()` succeeds.
package final class EpisodeRecorder {
    package let renderer: CartPoleRenderer
    package let encoder: VideoEncoder
    private let showsHeadsUp: Bool
    /// The Q-strip under the scene, when asked for.
    private var strip: QStrip?

    /// The axes of a Q-strip: the episode's length and the range of its Q-values.
    package struct QScale: Sendable {
        /// The steps the x axis shows: the time limit, so that every episode's strip has the same axis.
        package var steps: Int
        package var q: ClosedRange<Double>
        /// A dueling network's advantages' range, for its second strip.
        package var advantages: ClosedRange<Double>?
        package init(steps: Int, q: ClosedRange<Double>, advantages: ClosedRange<Double>? = nil) {
            self.steps = steps
            self.q = q
            self.advantages = advantages
        }
        /// The Q range with 5% of room at both ends (a unit around a single value).
        var padded: ClosedRange<Double> { Self.padded(q) }

        /// `range` with 5% of room at both ends (at least half a unit around a single value).
        static func padded(_ range: ClosedRange<Double>) -> ClosedRange<Double> {
            let (low, high) = (range.lowerBound, range.upperBound)
            let pad = high > low ? (high - low) * 0.05 : max(abs(low) * 0.05, 0.5)
            return (low - pad)...(high + pad)
        }
    }

    /// - Parameters:
    ///   - url: the video file;
    ///   - width: the video's width in pixels;
    ///   - height: the video's height in pixels;
    ///   - settings: container, encoder, frame rate and quality;
    ///   - showsHeadsUp: draw the heads-up display from the values `append` is given.
    ///   - qStrip: plot Q(left) and Q(right) over the steps so far under the scene, from the same values.
    ///   - qScale: the Q-strip's axes for the whole episode (else they follow the steps so far).
    ///   - warn: told of the encoder's fallbacks.
    /// - Throws: `RenderError` when the drawing surface or the encoder cannot be made.
    package init(
        url: URL, width: Int = 600, height: Int = 400, settings: VideoSettings = VideoSettings(),
        showsHeadsUp: Bool = true, qStrip: Bool = false, qScale: QScale? = nil, warn: (String) -> Void = { _ in }
    ) throws {
        renderer = try CartPoleRenderer(width: width, height: height)
        encoder = try VideoEncoder(url: url, width: width, height: height, settings: settings, warn: warn)
        self.showsHeadsUp = showsHeadsUp
        strip = qStrip ? QStrip(scale: qScale) : nil
    }

    /// Draws and encodes the next frame; `headsUp` holds the step's values (drawn as the HUD and the strip
    /// when they are shown).
    package func append(_ state: CartPolePose, headsUp: HeadsUp? = nil) throws {
        let hud = showsHeadsUp ? headsUp : nil
        if var strip, let headsUp {
            let canvas = renderer.canvas
            let width = Double(canvas.width)
            let height = Double(canvas.height)
            strip.record(
                headsUp.qValues, action: headsUp.action, streams: headsUp.streams,
                distributions: headsUp.distributions)
            let sceneHeight = (height * (1 - strip.share)).rounded()
            try renderer.draw(state, headsUp: hud, sceneHeight: sceneHeight)
            strip.draw(on: canvas.context, top: sceneHeight, width: width, height: height)
            self.strip = strip
            try canvas.checkStatus("drawing a frame's Q-strip")
            try encoder.append(canvas)
        } else {
            // Only what moves is repainted, and only there does the encoder look for changes.
            let repainted = try renderer.drawChanges(state, headsUp: hud)
            try encoder.append(renderer.canvas, changedWithin: repainted)
        }
    }

    /// Frames appended so far.
    package var frameCount: Int { encoder.frameCount }

    package func finish() throws { try encoder.finish() }
}
