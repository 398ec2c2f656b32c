import CCairo
import Foundation

/// Several episodes side by side in one video: each tile shows one agent's state, labelled; a tile whose
/// episode has ended keeps its last state, dimmed, with how it ended. The tiles are regions of one canvas
/// (CartPoleRenderer.paint translated and clipped), encoded by the one VideoEncoder.
public final class GridRecorder {
    /// What one tile shows in a frame.
    public struct Tile: Sendable {
        public var pose: CartPolePose
        /// The agent's name, e.g. "frame 6000" or a file name.
        public var name: String
        public var step: Int
        public var returnSoFar: Double
        /// How the episode ended ("fell at step 87", "200: time limit"), nil while it goes on.
        public var ending: String?

        public init(pose: CartPolePose, name: String, step: Int, returnSoFar: Double, ending: String? = nil) {
            self.pose = pose
            self.name = name
            self.step = step
            self.returnSoFar = returnSoFar
            self.ending = ending
        }
    }

    /// Tile positions and size, in pixels: `columns` x `rows` tiles of `tileWidth` x `tileHeight`, centred.
    public struct Layout: Sendable, Equatable {
        public let columns: Int, rows: Int, tileWidth: Int, tileHeight: Int, originX: Int, originY: Int

        /// The columns that let the 600x400 scene be drawn largest for `count` tiles in width x height.
        public init(count: Int, width: Int, height: Int) {
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
        public func origin(_ index: Int) -> (x: Int, y: Int) {
            (originX + (index % columns) * tileWidth, originY + (index / columns) * tileHeight)
        }
    }

    public let layout: Layout
    public let canvas: Canvas
    public let encoder: VideoEncoder

    public init(url: URL, tiles: Int, width: Int, height: Int, settings: VideoSettings = VideoSettings(),
                warn: (String) -> Void = { _ in }) throws {
        layout = Layout(count: tiles, width: width, height: height)
        canvas = try Canvas(width: width, height: height)
        encoder = try VideoEncoder(url: url, width: width, height: height, settings: settings, warn: warn)
    }

    /// Draws and encodes the next frame: every tile, in order.
    public func append(_ tiles: [Tile]) throws {
        let cr = canvas.context
        // Grey where no tile is (margins, unused cells); the tiles paint the rest.
        let used = tiles.count, cells = layout.columns * layout.rows
        if layout.originX > 0 || layout.originY > 0 || used < cells
            || layout.tileWidth * layout.columns < canvas.width || layout.tileHeight * layout.rows < canvas.height {
            cairo_set_source_rgb(cr, 0.85, 0.85, 0.85)
            cairo_paint(cr)
        }
        let w = Double(layout.tileWidth), h = Double(layout.tileHeight)
        let fontSize = max(9, min(16, h / 16))
        for (index, tile) in tiles.enumerated() {
            let origin = layout.origin(index)
            cairo_save(cr)
            cairo_translate(cr, Double(origin.x), Double(origin.y))
            CartPoleRenderer.paint(tile.pose, on: cr, width: w, height: h)
            cairo_rectangle(cr, 0, 0, w, h)
            cairo_clip(cr)
            cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL)
            cairo_set_font_size(cr, fontSize)
            if let ending = tile.ending {
                cairo_set_source_rgba(cr, 1, 1, 1, 0.6)
                cairo_paint(cr)
                cairo_set_source_rgb(cr, 0.75, 0.1, 0.1)
                var extents = cairo_text_extents_t()
                cairo_set_font_size(cr, fontSize * 1.4)
                cairo_text_extents(cr, ending, &extents)
                cairo_move_to(cr, (w - extents.x_advance) / 2, h / 2)
                cairo_show_text(cr, ending)
                cairo_set_font_size(cr, fontSize)
            }
            // A one-pixel separator along the tile's right and bottom edges.
            cairo_set_source_rgb(cr, 0.7, 0.7, 0.7)
            cairo_rectangle(cr, w - 1, 0, 1, h)
            cairo_rectangle(cr, 0, h - 1, w, 1)
            cairo_fill(cr)
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1)
            cairo_move_to(cr, 6, fontSize + 4)
            cairo_show_text(cr, "\(tile.name) · step \(tile.step) · return \(Int(tile.returnSoFar))")
            cairo_restore(cr)
        }
        try canvas.checkStatus("drawing a grid frame")
        try encoder.append(canvas)
    }

    public func finish() throws { try encoder.finish() }
}
