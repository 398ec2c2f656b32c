import CFFmpeg
import OutputFiles

/// Converts Cairo's BGRA pixels to yuv420p with one reused `SwsContext` (owned here, freed in `deinit`).
/// `width` and `height` are those of the pictures converted, or of the tiles when converting tile by tile.
package final class FrameConverter {
    package let width: Int
    package let height: Int
    package let sourceStride: Int
    private let context: OpaquePointer
    private let ff: FFmpegLibrary

    package init(width: Int, height: Int, sourceStride: Int) throws {
        let ff = try FFmpegLibrary.load()
        self.ff = ff
        precondition(width > 0 && height > 0 && width % 2 == 0 && height % 2 == 0, "yuv420p needs even sizes")
        guard
            let context = ff.sws_getContext(
                Int32(width), Int32(height), AVPixelFormat(cffmpeg_pix_fmt_bgra()),
                Int32(width), Int32(height), AVPixelFormat(cffmpeg_pix_fmt_yuv420p()),
                Int32(SWS_BILINEAR), nil, nil, nil)
        else {
            throw RenderError("creating the BGRA to yuv420p converter", reason: "libswscale refused the conversion")
        }
        self.width = width
        self.height = height
        self.sourceStride = sourceStride
        self.context = context
    }

    deinit { ff.sws_freeContext(context) }

    /// Converts a whole picture of the converter's size.
    package func convert(bgra: UnsafePointer<UInt8>, into frame: VideoPicture) throws {
        precondition(frame.width == width && frame.height == height, "the frame must have the converter's size")
        try convertTile(bgra: bgra, x: 0, y: 0, into: frame)
    }

    /// Converts the `width` x `height` tile whose top-left pixel is (x, y) (both even) of a larger picture.
    func convertTile(bgra: UnsafePointer<UInt8>, x: Int, y: Int, into frame: VideoPicture) throws {
        var sourcePlanes: [UnsafePointer<UInt8>?] = [bgra + y * sourceStride + x * 4, nil, nil, nil]
        var sourceStrides: [Int32] = [Int32(sourceStride), 0, 0, 0]
        let written = frame.withPlanes { planes, strides in
            var tilePlanes: [UnsafeMutablePointer<UInt8>?] = [
                VideoPicture.plane(planes, 0) + y * Int(strides[0]) + x,
                VideoPicture.plane(planes, 1) + y / 2 * Int(strides[1]) + x / 2,
                VideoPicture.plane(planes, 2) + y / 2 * Int(strides[2]) + x / 2,
                nil,
            ]
            return ff.sws_scale(context, &sourcePlanes, &sourceStrides, 0, Int32(height), &tilePlanes, strides)
        }
        guard written == Int32(height) else {
            throw RenderError("converting a frame to yuv420p", reason: "sws_scale wrote \(written) of \(height) rows")
        }
    }

    package func convert(_ canvas: Canvas, into frame: VideoPicture) throws {
        precondition(canvas.stride == sourceStride, "the canvas must have the converter's stride")
        try canvas.withPixels { try convert(bgra: $0.start, into: frame) }
    }
}
