/// How episodes are encoded: frame rate and libx264's quality and speed.
public struct VideoSettings: Sendable, Equatable {
    /// Frames per second; CartPole's `render_fps` is 50.
    public var fps: Int
    /// libx264's constant rate factor: 0 (lossless) to 51 (worst); 23 is its default.
    public var crf: Int
    /// libx264's speed preset, from `ultrafast` to `placebo`.
    public var preset: String

    public static let presets = [
        "ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow", "placebo",
    ]

    public init(fps: Int = 50, crf: Int = 23, preset: String = "veryfast") {
        self.fps = fps
        self.crf = crf
        self.preset = preset
    }
}
