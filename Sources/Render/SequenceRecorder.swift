import CCairo
import Foundation

/// Several episodes one after another in one video, each opened by a title card (e.g. "frame 6000 of
/// 20000, evaluation mean 31"): the title is text drawn on the scene's canvas, the episodes are
/// CartPoleRenderer frames, all through the one VideoEncoder.
package final class SequenceRecorder {
    package let renderer: CartPoleRenderer
    package let encoder: VideoEncoder

    package init(
        url: URL, width: Int, height: Int, settings: VideoSettings = VideoSettings(), warn: (String) -> Void = { _ in }
    ) throws {
        renderer = try CartPoleRenderer(width: width, height: height)
        encoder = try VideoEncoder(url: url, width: width, height: height, settings: settings, warn: warn)
    }

    /// A title card of `lines`, centred, shown for `frames` frames.
    package func appendTitle(_ lines: [String], frames: Int) throws {
        let canvas = renderer.canvas
        let cr = canvas.context
        let width = Double(canvas.width)
        let height = Double(canvas.height)
        cairo_save(cr)
        SceneColour.cardBackground.set(on: cr)
        cairo_paint(cr)
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        let size = max(10, min(width / 24, height / 10))
        for (i, line) in lines.enumerated() {
            cairo_set_font_size(cr, i == 0 ? size * 1.3 : size)
            (i == 0 ? SceneColour.cardTitle : .cardLine).set(on: cr)
            showText(
                cr, line, centreX: width / 2,
                baseline: height / 2 + (Double(i) - Double(lines.count - 1) / 2) * size * 1.8)
        }
        cairo_restore(cr)
        try canvas.checkStatus("drawing a title card")
        renderer.lastPose = nil
        // The card is converted once; its other pictures change nothing.
        for picture in 0..<frames { try encoder.append(canvas, changedWithin: picture == 0 ? nil : []) }
    }

    /// The next frame of an episode, with `caption` (which agent plays, how far it is) at its top left, so
    /// that the video says what it shows once the title card is gone, and a categorical network's return
    /// distributions under the scene.
    package func append(
        _ pose: CartPolePose, headsUp: HeadsUp? = nil, caption: String? = nil,
        distributions: ActionDistributions? = nil
    ) throws {
        // Only what moves is repainted (the top band, where the caption is, among it), and only there does
        // the encoder look for changes.
        let repainted = try renderer.drawChanges(pose, headsUp: headsUp, distributions: distributions)
        if let caption {
            let canvas = renderer.canvas
            let cr = canvas.context
            let width = Double(canvas.width)
            cairo_save(cr)
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            let size = max(11, min(width / 40, Double(canvas.height) / 24))
            let shown = setFontSize(cr, size, fitting: caption, in: width - 2 * size)
            SceneColour.tileLabel.set(on: cr)
            cairo_move_to(cr, size * 0.6, size * 1.4)
            cairo_show_text(cr, shown)
            cairo_restore(cr)
        }
        try encoder.append(renderer.canvas, changedWithin: repainted)
    }

    package var frameCount: Int { encoder.frameCount }

    package func finish() throws { try encoder.finish() }
}
