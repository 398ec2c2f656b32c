import CFFmpeg

/// Converts Cairo's BGRA pixels to yuv420p with one reused `SwsContext` (owned here, freed in `deinit`).
public final class FrameConverter {
    public let width: Int
    public let height: Int
    public let sourceStride: Int
    private let context: OpaquePointer

    public init(width: Int, height: Int, sourceStride: Int) throws {
        guard let context = sws_getContext(Int32(width), Int32(height), AVPixelFormat(cffmpeg_pix_fmt_bgra()),
                                           Int32(width), Int32(height), AVPixelFormat(cffmpeg_pix_fmt_yuv420p()),
                                           Int32(SWS_BILINEAR), nil, nil, nil) else {
            throw RenderError("creating the BGRA to yuv420p converter", reason: "libswscale refused the conversion")
        }
        self.width = width
        self.height = height
        self.sourceStride = sourceStride
        self.context = context
    }

    deinit { sws_freeContext(context) }

    /// Converts rows `rows` of the picture (an even start and count, or up to the last row).
    public func convert(bgra: UnsafePointer<UInt8>, into frame: YUVFrame, rows: Range<Int>? = nil) throws {
        precondition(frame.width == width && frame.height == height, "the frame must have the converter's size")
        let band = rows ?? 0..<height
        var sourcePlanes: [UnsafePointer<UInt8>?] = [bgra + band.lowerBound * sourceStride, nil, nil, nil]
        var sourceStrides: [Int32] = [Int32(sourceStride), 0, 0, 0]
        let written = frame.withPlanes { planes, strides in
            sws_scale(context, &sourcePlanes, &sourceStrides, Int32(band.lowerBound), Int32(band.count), planes, strides)
        }
        guard written == Int32(band.count) else {
            throw RenderError("converting a frame to yuv420p", reason: "sws_scale wrote \(written) of \(band.count) rows")
        }
    }

    public func convert(_ canvas: Canvas, into frame: YUVFrame) throws {
        precondition(canvas.stride == sourceStride, "the canvas must have the converter's stride")
        try canvas.withPixels { try convert(bgra: $0.baseAddress!, into: frame) }
    }
}
