import CCairo
import Foundation

/// A Cairo SVG or PDF surface that writes into memory, with its drawing context, both owned here and freed in
/// `deinit`. Draw on `context` in points, then `finish()` for the file's bytes.
final class VectorSurface {
    let surface: OpaquePointer
    /// The Cairo context; it references `surface`, which this object keeps alive as long as it.
    let context: OpaquePointer
    /// Where Cairo's stream writes; held here for as long as the surface may write.
    private let sink = Sink()

    private final class Sink { var data = Data() }

    init(_ format: FigureFormat, width: Double, height: Double) throws {
        precondition(format != .png, "a PNG is drawn on a Canvas")
        let write: cairo_write_func_t = { closure, bytes, length in
            guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.data.append(bytes, count: Int(length))
            return CAIRO_STATUS_SUCCESS
        }
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let created =
            format == .svg
            ? cairo_svg_surface_create_for_stream(write, closure, width, height)
            : cairo_pdf_surface_create_for_stream(write, closure, width, height)
        guard let surface = created else {
            throw RenderError("creating a \(format.rawValue.uppercased()) surface", reason: "out of memory")
        }
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(surface)
            throw RenderError.cairo("creating a \(format.rawValue.uppercased()) surface", status: status)
        }
        if format == .pdf {
            // The same figure gives the same bytes: no creation date (Cairo would write the clock's).
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, "")
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "cartpole")
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw RenderError("creating a Cairo context", reason: "out of memory")
        }
        self.surface = surface
        self.context = context
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// Ends the document and returns its bytes.
    func finish() throws -> Data {
        try checkCairo(cairo_status(context), "drawing a figure")
        cairo_surface_finish(surface)
        try checkCairo(cairo_surface_status(surface), "writing a vector figure")
        return sink.data
    }
}
