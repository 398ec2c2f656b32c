import CFFmpeg
import Foundation
import OutputFiles

/// Encodes Cairo canvases into a video (H.264 MP4 with `+faststart` by default, VP9 WebM, or any libavcodec
/// encoder that takes yuv420p), following FFmpeg's `doc/examples/mux.c`.
///
/// The file is written as an `AtomicFile`, under a hidden temporary name beside `url`, and moved into place
/// by `finish()`; an encoder dropped before `finish()` removes it, so no broken `.mp4` is ever left.
/// All FFmpeg objects are owned here and freed in `deinit`.
package final class VideoEncoder {
    package let url: URL
    package let width: Int
    package let height: Int
    package let settings: VideoSettings
    /// The encoder actually used: the one named in the settings, else the container's default (libx264,
    /// libvpx-vp9, gif), or `mpeg4` for MP4 where libavcodec has no libx264.
    package let codecName: String
    /// Frames appended so far.
    package private(set) var frameCount = 0

    private let file: AtomicFile
    private var temporaryURL: URL { file.temporary }
    private let ff: FFmpegLibrary
    private var format: UnsafeMutablePointer<AVFormatContext>?
    private var codec: UnsafeMutablePointer<AVCodecContext>?
    private let stream: UnsafeMutablePointer<AVStream>
    private var picture: VideoPicture?
    private var converter: ChangedTileConverter?
    /// For GIF: the encoder takes 8-bit palette pictures instead of yuv420p.
    private let palette: PaletteConverter?
    private var packet: UnsafeMutablePointer<AVPacket>?
    private var finished = false

    /// Opens the encoder and writes the container's header to the temporary file.
    /// - Parameters:
    ///   - url: where the video lands when finished;
    ///   - width: the video's width in pixels, even;
    ///   - height: the video's height in pixels, even;
    ///   - settings: container, encoder, frame rate and quality;
    ///   - warn: told when libx264 (the MP4 default) is missing and the `mpeg4` encoder is used instead.
    /// - Throws: `RenderError` when the encoder or the file cannot be opened.
    package convenience init(
        url: URL, width: Int, height: Int, settings: VideoSettings = VideoSettings(),
        warn: (String) -> Void = { _ in }
    ) throws {
        try self.init(
            url: url, width: width, height: height, settings: settings,
            preferredEncoder: settings.encoder ?? settings.container.defaultEncoder, warn: warn)
    }

    /// The names of the video encoders this libavcodec has that take yuv420p, sorted.
    /// Whether the encoder `name` really encodes into `container` here: a 64x64 video of two frames is
    /// written to a temporary folder and removed. Listing a codec's pixel formats is not enough: many fail
    /// only when opened (a hardware encoder without its device, mjpeg's full-range YUV, a codec the muxer
    /// does not take).
    package static func opens(_ name: String, container: VideoSettings.Container) -> Bool {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "cartpole-encoder-probe-\(getpid())-\(UUID().uuidString)")
        guard (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil else {
            return false
        }
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            let encoder = try VideoEncoder(
                url: folder.appendingPathComponent("probe.\(container.rawValue)"), width: 64, height: 64,
                settings: VideoSettings(fps: 10, container: container, encoder: name), warn: { _ in })
            let canvas = try Canvas(width: 64, height: 64)
            try encoder.append(canvas)
            try encoder.append(canvas)
            try encoder.finish()
            return true
        } catch {
            return false
        }
    }

    /// The encoders that `opens` into `container`, by name. The probes' own chatter (libavcodec's log,
    /// and encoder libraries such as x265 and SVT-AV1 that print to stderr themselves) is kept off stderr.
    package static func usableEncoders(container: VideoSettings.Container) throws -> [String] {
        let names = try usableEncoders()
        return quietly { names.filter { opens($0, container: container) } }
    }

    /// Runs `body` with libavcodec's log off and stderr on /dev/null, both restored after. For probes made
    /// before any other thread writes (option validation).
    package static func quietly<T>(_ body: () -> T) -> T {
        let ff = try? FFmpegLibrary.load()
        let level = ff?.av_log_get_level()
        ff?.av_log_set_level(AV_LOG_QUIET)
        let saved = dup(STDERR_FILENO)
        let null = open("/dev/null", O_WRONLY)
        if saved >= 0 && null >= 0 { dup2(null, STDERR_FILENO) }
        defer {
            if saved >= 0 && null >= 0 { dup2(saved, STDERR_FILENO) }
            if saved >= 0 { close(saved) }
            if null >= 0 { close(null) }
            if let level { ff?.av_log_set_level(level) }
        }
        return body()
    }

    /// The video encoders of this libavcodec that list yuv420p among their pixel formats, by name.
    package static func usableEncoders() throws -> [String] {
        let ff = try FFmpegLibrary.load()
        var state: UnsafeMutableRawPointer?
        var names: [String] = []
        while let codec = ff.av_codec_iterate(&state) {
            guard ff.av_codec_is_encoder(codec) != 0, codec.pointee.type == AVMEDIA_TYPE_VIDEO,
                var formats = codec.pointee.pix_fmts
            else { continue }
            while formats.pointee != AV_PIX_FMT_NONE {
                if formats.pointee.rawValue == cffmpeg_pix_fmt_yuv420p() {
                    names.append(String(cString: codec.pointee.name))
                    break
                }
                formats += 1
            }
        }
        return names.sorted()
    }

    /// - Parameters:
    ///   - url: where the video lands when finished;
    ///   - width: the video's width in pixels, even;
    ///   - height: the video's height in pixels, even;
    ///   - settings: container, encoder, frame rate and quality;
    ///   - preferredEncoder: libx264 in use; tests name a missing one to exercise the fallback;
    ///   - warn: told when the preferred encoder is missing and the `mpeg4` encoder is used instead.
    /// - Throws: `RenderError` when the encoder or the file cannot be opened.
    init(
        url: URL, width: Int, height: Int, settings: VideoSettings, preferredEncoder: String,
        warn: (String) -> Void
    ) throws {
        guard width > 0, height > 0, width % 2 == 0, height % 2 == 0 else {
            throw RenderError("opening a \(width)x\(height) video", reason: "yuv420p needs an even width and height")
        }
        let ff = try FFmpegLibrary.load()
        self.ff = ff
        self.url = url
        self.width = width
        self.height = height
        self.settings = settings
        file = AtomicFile(url)

        // libx264 prints its statistics at the default level; keep the tool's stderr for its own messages.
        if ff.av_log_get_level() > AV_LOG_ERROR { ff.av_log_set_level(AV_LOG_ERROR) }
        var formatContext: UnsafeMutablePointer<AVFormatContext>?
        let container = settings.container
        try checkFFmpeg(
            ff.avformat_alloc_output_context2(&formatContext, nil, container.muxer, file.temporary.path),
            "creating the \(container.rawValue) muxer for \(url.relativePath)")
        guard let formatContext else {
            throw RenderError(
                "creating the \(container.rawValue) muxer for \(url.relativePath)", reason: "out of memory")
        }
        format = formatContext

        var encoder = ff.avcodec_find_encoder_by_name(preferredEncoder)
        if encoder == nil && settings.encoder == nil && container == .mp4 {
            warn("this libavcodec has no \(preferredEncoder); falling back to FFmpeg's mpeg4 encoder")
            encoder = ff.avcodec_find_encoder(AV_CODEC_ID_MPEG4)
        } else if encoder == nil {
            ff.avformat_free_context(formatContext)
            let usable = (try? Self.usableEncoders())?.joined(separator: ", ") ?? "none"
            throw RenderError(
                "finding the video encoder \(preferredEncoder)",
                reason: "this libavcodec has no such encoder; usable ones: \(usable)")
        }
        guard let encoder else {
            ff.avformat_free_context(formatContext)
            throw RenderError("finding a video encoder", reason: "libavcodec has neither libx264 nor mpeg4")
        }
        codecName = String(cString: encoder.pointee.name)
        palette = codecName == "gif" ? PaletteConverter() : nil
        guard let newStream = ff.avformat_new_stream(formatContext, nil) else {
            ff.avformat_free_context(formatContext)
            throw RenderError("adding a video stream", reason: "out of memory")
        }
        stream = newStream
        // From here on every stored property is set, so a throw runs `deinit`, which frees what was made.
        codec = ff.avcodec_alloc_context3(encoder)
        guard let codec else {
            throw RenderError("allocating the \(codecName) encoder", reason: "out of memory")
        }
        codec.pointee.width = Int32(width)
        codec.pointee.height = Int32(height)
        codec.pointee.time_base = AVRational(num: 1, den: Int32(settings.fps))
        codec.pointee.framerate = AVRational(num: Int32(settings.fps), den: 1)
        codec.pointee.pix_fmt = AVPixelFormat(palette == nil ? cffmpeg_pix_fmt_yuv420p() : cffmpeg_pix_fmt_pal8())
        codec.pointee.gop_size = Int32(settings.fps) * 10
        if let threads = settings.threads { codec.pointee.thread_count = Int32(clamping: threads) }
        if codecName == "libx264" {
            try checkFFmpeg(
                ff.av_opt_set(codec.pointee.priv_data, "preset", settings.preset, 0),
                "setting libx264's preset to \(settings.preset)")
            try checkFFmpeg(
                ff.av_opt_set(codec.pointee.priv_data, "crf", String(settings.crf), 0),
                "setting libx264's crf to \(settings.crf)")
        } else if codecName == "libvpx-vp9" {
            // Constant quality, and libvpx's fast real-time mode (its default is many times slower).
            codec.pointee.bit_rate = 0
            for (name, value) in [
                ("crf", String(settings.crf)), ("deadline", "realtime"), ("cpu-used", "8"), ("row-mt", "1"),
            ] {
                try checkFFmpeg(
                    ff.av_opt_set(codec.pointee.priv_data, name, value, 0), "setting libvpx-vp9's \(name) to \(value)")
            }
        } else {
            codec.pointee.bit_rate = 2_000_000
        }
        if formatContext.pointee.oformat.pointee.flags & cffmpeg_fmt_globalheader() != 0 {
            codec.pointee.flags |= cffmpeg_codec_flag_global_header()
        }
        try checkFFmpeg(ff.avcodec_open2(codec, encoder, nil), "opening the \(codecName) encoder")
        try checkFFmpeg(
            ff.avcodec_parameters_from_context(stream.pointee.codecpar, codec),
            "copying the encoder's parameters to the stream")
        stream.pointee.time_base = codec.pointee.time_base

        packet = ff.av_packet_alloc()
        guard packet != nil else { throw RenderError("allocating a video packet", reason: "out of memory") }

        try checkFFmpeg(
            ff.avio_open(&formatContext.pointee.pb, temporaryURL.path, cffmpeg_avio_flag_write()),
            "creating \(url.relativePath)")
        var options: OpaquePointer?
        defer { ff.av_dict_free(&options) }
        if container == .mp4 {
            try checkFFmpeg(
                ff.av_dict_set(&options, "movflags", "+faststart", 0), "asking the MP4 muxer for +faststart")
        }
        try checkFFmpeg(ff.avformat_write_header(formatContext, &options), "writing the header of \(url.relativePath)")
    }

    deinit {
        if let format {
            // Only reached when finish() did not run or failed: the temporary file is removed below anyway.
            if format.pointee.pb != nil { _ = ff.avio_closep(&format.pointee.pb) }
            ff.avformat_free_context(format)
        }
        ff.avcodec_free_context(&codec)
        ff.av_packet_free(&packet)
        // An unfinished `file` removes its temporary file when it goes.
    }

    /// Converts the canvas (which must be the video's size) to yuv420p and encodes it as the next frame.
    /// Only the tiles that changed since the previous canvas are converted again.
    /// `changedWithin`, when given, holds every pixel that may differ from the previous frame's canvas.
    package func append(_ canvas: Canvas, changedWithin regions: [PixelRegion]? = nil) throws {
        precondition(canvas.width == width && canvas.height == height, "a frame must match the video's size")
        let picture =
            try self.picture
            ?? VideoPicture(
                width: width, height: height,
                format: palette == nil ? cffmpeg_pix_fmt_yuv420p() : cffmpeg_pix_fmt_pal8())
        self.picture = picture
        try picture.makeWritable()
        if let palette {
            canvas.withPixels { palette.convert(bgra: $0.start, stride: canvas.stride, into: picture) }
        } else {
            let converter =
                converter.flatMap { $0.sourceStride == canvas.stride ? $0 : nil }
                ?? ChangedTileConverter(width: width, height: height, sourceStride: canvas.stride)
            self.converter = converter
            try canvas.withPixels { try converter.convert(bgra: $0.start, into: picture, within: regions) }
        }
        try append(picture)
    }

    /// Encodes a picture of the video's size (yuv420p, or pal8 for GIF) as the next frame.
    package func append(_ picture: VideoPicture) throws {
        precondition(!finished, "frames cannot be added after finish()")
        precondition(picture.width == width && picture.height == height, "a frame must match the video's size")
        picture.frame.pointee.pts = Int64(frameCount)
        try send(picture.frame)
        frameCount += 1
    }

    /// Flushes the encoder, writes the trailer (moving the index to the front), and renames the file into place.
    package func finish() throws {
        precondition(!finished, "finish() may be called once")
        try send(nil)
        guard let format else { return }
        try checkFFmpeg(ff.av_write_trailer(format), "writing the trailer of \(url.relativePath)")
        try checkFFmpeg(ff.avio_closep(&format.pointee.pb), "closing \(url.relativePath)")
        do { try file.commit() } catch { throw RenderError("finishing \(url.relativePath)", reason: error.reason) }
        finished = true
    }

    /// Sends one frame (or `nil` to flush) and writes every packet the encoder has ready.
    private func send(_ frame: UnsafeMutablePointer<AVFrame>?) throws {
        guard let codec, let packet, let format else { return }
        try checkFFmpeg(ff.avcodec_send_frame(codec, frame), "sending a frame to the \(codecName) encoder")
        while true {
            let status = ff.avcodec_receive_packet(codec, packet)
            if status == cffmpeg_averror_eagain() || status == cffmpeg_averror_eof() { return }
            try checkFFmpeg(status, "encoding a frame with \(codecName)")
            // Each frame lasts one tick; without it the MP4's edit list would cut the last frame.
            if packet.pointee.duration == 0 { packet.pointee.duration = 1 }
            ff.av_packet_rescale_ts(packet, codec.pointee.time_base, stream.pointee.time_base)
            packet.pointee.stream_index = stream.pointee.index
            let written = ff.av_interleaved_write_frame(format, packet)
            try checkFFmpeg(written, "writing a video packet to \(url.relativePath)")
        }
    }
}
