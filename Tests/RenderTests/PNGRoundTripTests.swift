import CCairo
import Foundation
import TestSupport
import Testing

@testable import Render

@Suite struct PNGRoundTripTests {
    @Test func aWrittenPNGReadsBackWithTheSamePixels() throws {
        let folder = try Fixtures.temporaryDirectory("png")
        let canvas = try Canvas(width: 40, height: 30)
        cairo_set_source_rgb(canvas.context, 1, 1, 1)
        cairo_paint(canvas.context)
        cairo_set_source_rgb(canvas.context, 0, 0, 1)
        cairo_rectangle(canvas.context, 10, 5, 10, 10)
        cairo_fill(canvas.context)
        let url = folder.appendingPathComponent("square.png")
        try canvas.writePNG(to: url)

        let surface = cairo_image_surface_create_from_png(url.path)
        defer { cairo_surface_destroy(surface) }
        #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        #expect(cairo_image_surface_get_width(surface) == 40)
        #expect(cairo_image_surface_get_height(surface) == 30)
        let stride = Int(cairo_image_surface_get_stride(surface))
        let data = cairo_image_surface_get_data(surface)!
        func rgb(_ x: Int, _ y: Int) -> [UInt8] {
            let offset = y * stride + x * 4
            return [data[offset + 2], data[offset + 1], data[offset]]
        }
        #expect(rgb(15, 10) == [0, 0, 255])
        #expect(rgb(2, 2) == [255, 255, 255])
        #expect(rgb(15, 10) == [canvas.rgb(x: 15, y: 10).0, canvas.rgb(x: 15, y: 10).1, canvas.rgb(x: 15, y: 10).2])
    }

    /// A canvas with transparent and half-transparent pixels reads back with its straight (un-premultiplied)
    /// colours and alpha, as Cairo's own reader sees them; an opaque one is written as RGB, smaller.
    @Test func transparencyReadsBackAndOpaqueCanvasesAreRGB() throws {
        let folder = try Fixtures.temporaryDirectory("png-alpha")
        let canvas = try Canvas(width: 20, height: 10)
        cairo_set_source_rgba(canvas.context, 1, 0, 0, 0.5)
        cairo_rectangle(canvas.context, 0, 0, 10, 10)
        cairo_fill(canvas.context)
        let url = folder.appendingPathComponent("alpha.png")
        try canvas.writePNG(to: url)
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(bytes[25] == 6, "colour type RGBA")
        let surface = cairo_image_surface_create_from_png(url.path)
        defer { cairo_surface_destroy(surface) }
        #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
        let data = cairo_image_surface_get_data(surface)!
        // Cairo reads it back premultiplied: half red at half alpha is (128, 0, 0, 128) or within a step.
        #expect(abs(Int(data[2]) - 128) <= 1 && data[1] == 0 && data[0] == 0 && abs(Int(data[3]) - 128) <= 1)
        #expect(data[15 * 4 + 3] == 0, "the untouched half stays transparent")
        cairo_set_source_rgb(canvas.context, 1, 1, 1)
        cairo_paint(canvas.context)
        #expect([UInt8](try canvas.pngData())[25] == 2, "an opaque canvas is RGB")
    }
}
