import CFFmpeg
import Foundation
import OutputFiles

/// FFmpeg's functions, resolved from its shared libraries when a video is first written rather than at
/// process start: libavcodec brings about 110 libraries with it, and resolving their symbols would cost every
/// `cartpole` start, including those of `train` and `plot`, which never encode (README, *Speed*).
///
/// The types are those Swift imports for the declarations in CFFmpeg's headers, so the headers stay the
/// single source of truth for the ABI; the sonames come from the same headers' major versions.
struct FFmpegLibrary: @unchecked Sendable {
    // MARK: libavformat
    let avformat_alloc_output_context2:
        @convention(c) (
            UnsafeMutablePointer<UnsafeMutablePointer<AVFormatContext>?>?, UnsafePointer<AVOutputFormat>?,
            UnsafePointer<CChar>?, UnsafePointer<CChar>?
        ) -> Int32
    let avformat_new_stream:
        @convention(c) (UnsafeMutablePointer<AVFormatContext>?, UnsafePointer<AVCodec>?) -> UnsafeMutablePointer<
            AVStream
        >?
    let avformat_write_header:
        @convention(c) (UnsafeMutablePointer<AVFormatContext>?, UnsafeMutablePointer<OpaquePointer?>?) -> Int32
    let avformat_free_context: @convention(c) (UnsafeMutablePointer<AVFormatContext>?) -> Void
    let av_interleaved_write_frame:
        @convention(c) (UnsafeMutablePointer<AVFormatContext>?, UnsafeMutablePointer<AVPacket>?) -> Int32
    let av_write_trailer: @convention(c) (UnsafeMutablePointer<AVFormatContext>?) -> Int32
    let avio_open:
        @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<AVIOContext>?>?, UnsafePointer<CChar>?, Int32) ->
            Int32
    let avio_closep: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<AVIOContext>?>?) -> Int32
    // MARK: libavcodec
    let avcodec_find_encoder_by_name: @convention(c) (UnsafePointer<CChar>?) -> UnsafePointer<AVCodec>?
    let avcodec_find_encoder: @convention(c) (AVCodecID) -> UnsafePointer<AVCodec>?
    let av_codec_iterate: @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> UnsafePointer<AVCodec>?
    let av_codec_is_encoder: @convention(c) (UnsafePointer<AVCodec>?) -> Int32
    let avcodec_alloc_context3: @convention(c) (UnsafePointer<AVCodec>?) -> UnsafeMutablePointer<AVCodecContext>?
    let avcodec_open2:
        @convention(c) (
            UnsafeMutablePointer<AVCodecContext>?, UnsafePointer<AVCodec>?, UnsafeMutablePointer<OpaquePointer?>?
        ) -> Int32
    let avcodec_parameters_from_context:
        @convention(c) (UnsafeMutablePointer<AVCodecParameters>?, UnsafePointer<AVCodecContext>?) -> Int32
    let avcodec_send_frame: @convention(c) (UnsafeMutablePointer<AVCodecContext>?, UnsafePointer<AVFrame>?) -> Int32
    let avcodec_receive_packet:
        @convention(c) (UnsafeMutablePointer<AVCodecContext>?, UnsafeMutablePointer<AVPacket>?) -> Int32
    let avcodec_free_context: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<AVCodecContext>?>?) -> Void
    let av_packet_alloc: @convention(c) () -> UnsafeMutablePointer<AVPacket>?
    let av_packet_free: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<AVPacket>?>?) -> Void
    let av_packet_rescale_ts: @convention(c) (UnsafeMutablePointer<AVPacket>?, AVRational, AVRational) -> Void
    // MARK: libswscale
    let sws_getContext:
        @convention(c) (
            Int32, Int32, AVPixelFormat, Int32, Int32, AVPixelFormat, Int32, UnsafeMutablePointer<SwsFilter>?,
            UnsafeMutablePointer<SwsFilter>?, UnsafePointer<Double>?
        ) -> OpaquePointer?
    let sws_scale:
        @convention(c) (
            OpaquePointer?, UnsafePointer<UnsafePointer<UInt8>?>?, UnsafePointer<Int32>?, Int32, Int32,
            UnsafePointer<UnsafeMutablePointer<UInt8>?>?, UnsafePointer<Int32>?
        ) -> Int32
    let sws_freeContext: @convention(c) (OpaquePointer?) -> Void
    // MARK: libavutil
    let av_frame_alloc: @convention(c) () -> UnsafeMutablePointer<AVFrame>?
    let av_frame_free: @convention(c) (UnsafeMutablePointer<UnsafeMutablePointer<AVFrame>?>?) -> Void
    let av_frame_get_buffer: @convention(c) (UnsafeMutablePointer<AVFrame>?, Int32) -> Int32
    let av_frame_make_writable: @convention(c) (UnsafeMutablePointer<AVFrame>?) -> Int32
    let av_opt_set:
        @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) -> Int32
    let av_dict_set:
        @convention(c) (UnsafeMutablePointer<OpaquePointer?>?, UnsafePointer<CChar>?, UnsafePointer<CChar>?, Int32) ->
            Int32
    let av_dict_free: @convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> Void
    let av_strerror: @convention(c) (Int32, UnsafeMutablePointer<CChar>?, Int) -> Int32
    let av_log_get_level: @convention(c) () -> Int32
    let av_log_set_level: @convention(c) (Int32) -> Void

    /// The libraries, loaded once per process on first use; the failure, if any, is kept and reported each time.
    private static let loaded = Result { try FFmpegLibrary() }

    static func load() throws -> FFmpegLibrary { try loaded.get() }

    /// The library if it loaded, for paths that cannot throw (error messages).
    static var ifLoaded: FFmpegLibrary? { try? loaded.get() }

    private init() throws {
        let sonames = [
            Platform.sharedLibrary("avutil", major: LIBAVUTIL_VERSION_MAJOR),
            Platform.sharedLibrary("swscale", major: LIBSWSCALE_VERSION_MAJOR),
            Platform.sharedLibrary("avcodec", major: LIBAVCODEC_VERSION_MAJOR),
            Platform.sharedLibrary("avformat", major: LIBAVFORMAT_VERSION_MAJOR),
        ]
        var handles: [UnsafeMutableRawPointer] = []
        for soname in sonames {
            guard let handle = dlopen(soname, RTLD_NOW | RTLD_GLOBAL) else {
                throw RenderError(
                    "loading FFmpeg's \(soname)", reason: dlerror().map { String(cString: $0) } ?? "not found")
            }
            handles.append(handle)
        }
        func symbol<T>(_ name: String) throws -> T {
            for handle in handles {
                if let address = dlsym(handle, name) { return unsafeBitCast(address, to: T.self) }
            }
            throw RenderError("loading FFmpeg", reason: "\(name) is missing from its libraries")
        }
        avformat_alloc_output_context2 = try symbol("avformat_alloc_output_context2")
        avformat_new_stream = try symbol("avformat_new_stream")
        avformat_write_header = try symbol("avformat_write_header")
        avformat_free_context = try symbol("avformat_free_context")
        av_interleaved_write_frame = try symbol("av_interleaved_write_frame")
        av_write_trailer = try symbol("av_write_trailer")
        avio_open = try symbol("avio_open")
        avio_closep = try symbol("avio_closep")
        avcodec_find_encoder_by_name = try symbol("avcodec_find_encoder_by_name")
        avcodec_find_encoder = try symbol("avcodec_find_encoder")
        av_codec_iterate = try symbol("av_codec_iterate")
        av_codec_is_encoder = try symbol("av_codec_is_encoder")
        avcodec_alloc_context3 = try symbol("avcodec_alloc_context3")
        avcodec_open2 = try symbol("avcodec_open2")
        avcodec_parameters_from_context = try symbol("avcodec_parameters_from_context")
        avcodec_send_frame = try symbol("avcodec_send_frame")
        avcodec_receive_packet = try symbol("avcodec_receive_packet")
        avcodec_free_context = try symbol("avcodec_free_context")
        av_packet_alloc = try symbol("av_packet_alloc")
        av_packet_free = try symbol("av_packet_free")
        av_packet_rescale_ts = try symbol("av_packet_rescale_ts")
        sws_getContext = try symbol("sws_getContext")
        sws_scale = try symbol("sws_scale")
        sws_freeContext = try symbol("sws_freeContext")
        av_frame_alloc = try symbol("av_frame_alloc")
        av_frame_free = try symbol("av_frame_free")
        av_frame_get_buffer = try symbol("av_frame_get_buffer")
        av_frame_make_writable = try symbol("av_frame_make_writable")
        av_opt_set = try symbol("av_opt_set")
        av_dict_set = try symbol("av_dict_set")
        av_dict_free = try symbol("av_dict_free")
        av_strerror = try symbol("av_strerror")
        av_log_get_level = try symbol("av_log_get_level")
        av_log_set_level = try symbol("av_log_set_level")
    }
}
