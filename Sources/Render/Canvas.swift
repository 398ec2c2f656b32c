import CCairo
import Foundation
import OutputFiles

/// An ARGB32 Cairo image surface with its drawing context, both owned here and freed in `deinit`.
///
/// Pixels are native-endian 32-bit words, i.e. B, G, R, A bytes on little-endian machines;
/// rows are `stride` bytes apart.
package final class Canvas {
    package let width: Int
    package let height: Int
    let surface: OpaquePointer
    /// The Cairo context; it references `surface`, which this object keeps alive as long as it.
    let context: OpaquePointer

    package init(width: Int, height: Int) throws {
        precondition(width > 0 && height > 0, "a canvas needs a positive size")
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height)) else {
            throw RenderError("creating a \(width)x\(height) Cairo surface", reason: "out of memory")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError.cairo("creating a \(width)x\(height) Cairo surface", status: status)
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw RenderError("creating a Cairo context", reason: "out of memory")
        }
        let contextStatus = cairo_status(context)
        guard contextStatus == CAIRO_STATUS_SUCCESS else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw RenderError.cairo("creating a Cairo context", status: contextStatus)
        }
        self.width = width
        self.height = height
        self.surface = surface
        self.context = context
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Bytes between the starts of two rows.
    package var stride: Int { Int(cairo_image_surface_get_stride(surface)) }

    /// Lends the finished pixels (B, G, R, A bytes on little-endian) for reading, after flushing Cairo's drawing.
    package func withPixels<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        cairo_surface_flush(surface)
        // An image surface that was made holds its pixels; Cairo gives no data only for a surface in error.
        guard let base = cairo_image_surface_get_data(surface) else {
            preconditionFailure("a canvas's surface holds its pixels")
        }
        return try body(UnsafeBufferPointer(start: UnsafePointer(base), count: stride * height))
    }

    /// The colour of one pixel as (red, green, blue) bytes, un-premultiplied for opaque pixels.
    package func rgb(x: Int, y: Int) -> (UInt8, UInt8, UInt8) {
        withPixels { pixels in
            let offset = y * stride + x * 4
            return (pixels[offset + 2], pixels[offset + 1], pixels[offset])
        }
    }

    /// Reports any error the context has met while drawing.
    package func checkStatus(_ operation: String) throws {
        try checkCairo(cairo_status(context), operation)
    }

    /// The PNG encoding of the surface (`PNGEncoder`).
    package func pngData() throws -> Data { try PNGEncoder.encode(self) }

    /// Writes the surface as a PNG at `url`, atomically (`AtomicFile`).
    package func writePNG(to url: URL) throws {
        let data = try pngData()
        do { try AtomicFile.write(data, to: url) } catch {
            throw RenderError("writing \(url.relativePath)", reason: error.reason)
        }
    }
}
