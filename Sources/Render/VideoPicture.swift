import CFFmpeg

/// A picture in an `AVFrame` (yuv420p for H.264 and VP9; pal8, indices and a palette, for GIF), owned here
/// and freed in `deinit`.
package final class VideoPicture {
    package let width: Int
    package let height: Int
    let frame: UnsafeMutablePointer<AVFrame>
    private let ff: FFmpegLibrary

    package init(width: Int, height: Int, format: Int32 = cffmpeg_pix_fmt_yuv420p()) throws {
        let ff = try FFmpegLibrary.load()
        self.ff = ff
        guard let frame = ff.av_frame_alloc() else {
            throw RenderError("allocating a video frame", reason: "out of memory")
        }
        self.frame = frame
        self.width = width
        self.height = height
        frame.pointee.format = format
        frame.pointee.width = Int32(width)
        frame.pointee.height = Int32(height)
        try checkFFmpeg(ff.av_frame_get_buffer(frame, 0), "allocating a \(width)x\(height) video frame")
    }

    deinit {
        var pointer: UnsafeMutablePointer<AVFrame>? = frame
        ff.av_frame_free(&pointer)
    }

    /// Makes sure no encoder still holds the picture's buffers before they are written again.
    func makeWritable() throws {
        try checkFFmpeg(ff.av_frame_make_writable(frame), "making a video frame writable")
    }

    /// Lends the three planes and their strides for writing.
    /// Plane `index`'s first byte: allocated with the picture (0 to 2 for yuv420p, 0 and 1 for pal8).
    static func plane(_ planes: UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, _ index: Int)
        -> UnsafeMutablePointer<UInt8>
    {
        guard let plane = planes[index] else { preconditionFailure("plane \(index) is allocated with the picture") }
        return plane
    }

    func withPlanes<R>(
        _ body: (UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int32>) throws -> R
    ) rethrows -> R {
        try withUnsafeMutablePointer(to: &frame.pointee.data) { data in
            try data.withMemoryRebound(to: UnsafeMutablePointer<UInt8>?.self, capacity: 8) { planes in
                try withUnsafeMutablePointer(to: &frame.pointee.linesize) { linesize in
                    try linesize.withMemoryRebound(to: Int32.self, capacity: 8) { strides in try body(planes, strides) }
                }
            }
        }
    }
}
