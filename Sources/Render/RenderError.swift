import CCairo
import CFFmpeg
import OutputFiles

/// A failure in the C libraries behind rendering, with what was being done and the library's own words.
package struct RenderError: Error, CustomStringConvertible, Equatable {
    /// What the tool was doing, e.g. "opening the H.264 encoder".
    package let operation: String
    /// The library's message, e.g. FFmpeg's `av_make_error_string` text.
    package let reason: String

    package init(_ operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    package var description: String { "\(operation) failed: \(reason)" }

    /// An error from a negative FFmpeg status code.
    static func ffmpeg(_ operation: String, code: Int32) -> RenderError {
        let size = Int(cffmpeg_error_max_string_size())
        var buffer = [CChar](repeating: 0, count: size)
        let text: String = buffer.withUnsafeMutableBufferPointer { raw in
            FFmpegLibrary.ifLoaded?.av_strerror(code, raw.baseAddress, size) == 0
                ? String(cString: raw.start) : "FFmpeg error \(code)"
        }
        return RenderError(operation, reason: text)
    }

    /// An error from a Cairo status.
    static func cairo(_ operation: String, status: cairo_status_t) -> RenderError {
        RenderError(operation, reason: String(cString: cairo_status_to_string(status)))
    }
}

/// Throws a `RenderError` when an FFmpeg call returned a negative status; returns the status otherwise.
@discardableResult
func checkFFmpeg(_ code: Int32, _ operation: @autoclosure () -> String) throws -> Int32 {
    if code < 0 { throw RenderError.ffmpeg(operation(), code: code) }
    return code
}

/// Throws a `RenderError` when a Cairo status is not success.
func checkCairo(_ status: cairo_status_t, _ operation: @autoclosure () -> String) throws {
    if status != CAIRO_STATUS_SUCCESS { throw RenderError.cairo(operation(), status: status) }
}
