import CCairo
import Foundation

/// Several episodes side by side in one video: each tile shows one agent's state, labelled; a tile whose
/// episode has ended keeps its last state, dimmed, with how it ended. The tiles are regions of one canvas
/// (CartPoleRenderer.paint translated and clipped), encoded by the one VideoEncoder.
package final class GridRecorder {
    /// What one tile shows in a frame.
    package struct Tile: Sendable {
        package var pose: CartPolePose
        /// The agent's name, e.g. "frame 6000" or a file name.
        package var name: String
        package var step: Int
        package var returnSoFar: Double
        /// How the episode ended, nil while it goes on.
        package var ending: EpisodeEnding?

        package init(pose: CartPolePose, name: String, step: Int, returnSoFar: Double, ending: EpisodeEnding? = nil) {
            self.pose = pose
            self.name = name
            self.step = step
            self.returnSoFar = returnSoFar
            self.ending = ending
        }
    }

    /// Tile positions and size, in pixels: `columns` x `rows` tiles of `tileWidth` x `tileHeight`, centred.
    package struct Layout: Sendable, Equatable {
        package let columns: Int, rows: Int, tileWidth: Int, tileHeight: Int, originX: Int, originY: Int

        /// The columns that let the 600x400 scene be drawn largest for `count` tiles in width x height.
        package init(count: Int, width: Int, height: Int) {
            precondition(count > 0)
            var best: (columns: Int, rows: Int, scale: Double) = (1, count, 0)
            for columns in 1...count {
                let rows = (count + columns - 1) / columns
                let scale = min(Double(width / columns) / 600, Double(height / rows) / 400)
                if scale > best.scale { best = (columns, rows, scale) }
            }
            columns = best.columns
            rows = best.rows
            tileWidth = width / columns
            tileHeight = height / rows
            originX = (width - tileWidth * columns) / 2
            originY = (height - tileHeight * rows) / 2
        }

        /// The top-left corner of tile `index`, row by row.
        package func origin(_ index: Int) -> (x: Int, y: Int) {
            (originX + (index % columns) * tileWidth, originY + (index / columns) * tileHeight)
        }
    }

    package let layout: Layout
    package let canvas: Canvas
    package let encoder: VideoEncoder
    /// Each tile's pose in the previous frame, and whether it was shown ended, to repaint only what changes.
    private var previous: [(pose: CartPolePose, ended: Bool)?] = []

    package init(
        url: URL, tiles: Int, width: Int, height: Int, settings: VideoSettings = VideoSettings(),
        warn: (String) -> Void = { _ in }
    ) throws {
        layout = Layout(count: tiles, width: width, height: height)
        canvas = try Canvas(width: width, height: height)
        encoder = try VideoEncoder(url: url, width: width, height: height, settings: settings, warn: warn)
    }

    /// Draws and encodes the next frame: every tile, in order.
    package func append(_ tiles: [Tile]) throws {
        let cr = canvas.context
        let w = Double(layout.tileWidth)
        let h = Double(layout.tileHeight)
        let fontSize = max(9, min(16, h / 16))
        // What this frame repaints, for the encoder's converter; nil: everything.
        var repainted: [PixelRegion]? = []
        if previous.count != tiles.count {
            repainted = nil
            // The first frame (or a new number of tiles): grey where no tile is (margins, unused cells), which
            // never changes after; the tiles paint the rest. Even-odd filling leaves the tiles' rectangles out.
            previous = Array(repeating: nil, count: tiles.count)
            cairo_save(cr)
            cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
            cairo_rectangle(cr, 0, 0, Double(canvas.width), Double(canvas.height))
            for index in tiles.indices {
                let origin = layout.origin(index)
                cairo_rectangle(cr, Double(origin.x), Double(origin.y), w, h)
            }
            SceneColour.gridGap.set(on: cr)
            cairo_fill(cr)
            cairo_restore(cr)
        }
        cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
        for (index, tile) in tiles.enumerated() {
            let origin = layout.origin(index)
            // The label on one line where it fits the tile, else the name above the step and return.
            cairo_set_font_size(cr, fontSize)
            let twoLines = textWidth(cr, "\(tile.name) · step 000 · return 000") > w - 12
            let label =
                twoLines
                ? [tile.name, "step \(tile.step) · return \(Int(tile.returnSoFar))"]
                : ["\(tile.name) · step \(tile.step) · return \(Int(tile.returnSoFar))"]
            let band = (Double(label.count) * (fontSize + 4) + 6).rounded(.up)
            cairo_save(cr)
            cairo_translate(cr, Double(origin.x), Double(origin.y))
            // Only what can have changed is repainted: the label band and the boxes around the scene's cart
            // and pole now and before. The clip is whole pixels, so the pixels match a full repaint's.
            let rectangles: [(x: Double, y: Double, width: Double, height: Double)]
            if let before = previous[index], !before.ended, tile.ending == nil {
                rectangles = [
                    (0, 0, w, band),
                    CartPoleRenderer.movedBox(from: before.pose, to: tile.pose, width: w, height: h),
                ]
            } else {
                rectangles = [(0, 0, w, h)]
            }
            for r in rectangles {
                cairo_rectangle(cr, r.x, r.y, r.width, r.height)
                repainted?.append(
                    PixelRegion(covering: Double(origin.x) + r.x, Double(origin.y) + r.y, r.width, r.height))
            }
            cairo_clip(cr)
            previous[index] = (tile.pose, tile.ending != nil)
            CartPoleRenderer.paint(tile.pose, on: cr, width: w, height: h)
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, fontSize)
            if let ending = tile.ending {
                cairo_set_source_rgba(cr, 1, 1, 1, 0.6)
                cairo_paint(cr)
                ending.colour.set(on: cr)
                let shown = setFontSize(cr, fontSize * 1.4, fitting: ending.label, in: w - 8)
                showText(cr, shown, centreX: w / 2, baseline: h / 2)
                cairo_set_font_size(cr, fontSize)
            }
            // A one-pixel separator along the tile's right and bottom edges.
            SceneColour.tileEdge.set(on: cr)
            cairo_rectangle(cr, w - 1, 0, 1, h)
            cairo_rectangle(cr, 0, h - 1, w, 1)
            cairo_fill(cr)
            SceneColour.tileLabel.set(on: cr)
            for (line, text) in label.enumerated() {
                let shown = setFontSize(cr, fontSize, fitting: text, in: w - 12)
                cairo_move_to(cr, 6, fontSize + 4 + Double(line) * (fontSize + 4))
                cairo_show_text(cr, shown)
            }
            cairo_restore(cr)
        }
        try canvas.checkStatus("drawing a grid frame")
        try encoder.append(canvas, changedWithin: repainted)
    }

    package func finish() throws { try encoder.finish() }
}
