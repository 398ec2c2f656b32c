/// How episodes are encoded: container, encoder, frame rate, quality and speed.
public struct VideoSettings: Sendable, Equatable {
    /// The file format; each has its default encoder.
    public enum Container: String, Sendable, CaseIterable {
        case mp4, webm, gif
        /// The muxer's name in libavformat.
        var muxer: String { rawValue }
        /// H.264 (libx264) in MP4, VP9 (libvpx-vp9) in WebM, libavcodec's GIF encoder (8-bit palette) in GIF.
        public var defaultEncoder: String {
            switch self {
            case .mp4: "libx264"
            case .webm: "libvpx-vp9"
            case .gif: "gif"
            }
        }
    }

    /// The file format.
    public var container: Container
    /// A libavcodec video encoder by name (e.g. a hardware one); nil for the container's default.
    public var encoder: String?
    /// Frames per second; CartPole's `render_fps` is 50.
    public var fps: Int
    /// The constant rate factor of libx264 (0 lossless to 51 worst; 23 its default) and libvpx-vp9 (0 to 63).
    public var crf: Int
    /// libx264's speed preset, from `ultrafast` to `placebo`.
    public var preset: String

    /// Threads of the encoder: nil lets it choose (libx264 runs about 1.5 per core and reorders its work
    /// among them), 1 keeps it to the calling thread, for recordings that run side by side. Each count gives
    /// the same file every time.
    public var threads: Int?

    /// libx264's presets, fastest first.
    public static let presets = [
        "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo",
    ]

    /// Settings for a video; the defaults are an H.264 MP4 at 50 frames a second, CRF 23, preset veryfast.
    public init(
        fps: Int = 50, crf: Int = 23, preset: String = "veryfast", container: Container = .mp4, encoder: String? = nil,
        threads: Int? = nil
    ) {
        self.threads = threads
        self.container = container
        self.encoder = encoder
        self.fps = fps
        self.crf = crf
        self.preset = preset
    }
}
