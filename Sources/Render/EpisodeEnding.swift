/// How an episode ended, as a video says it: the words, and whether it was a success (the time limit
/// reached, drawn green) or a failure (the pole fell or the cart left the track, drawn red).
public struct EpisodeEnding: Sendable, Equatable {
    public var text: String
    public var success: Bool

    public init(_ text: String, success: Bool) {
        self.text = text
        self.success = success
    }

    /// The colour the ending is drawn in.
    var colour: SceneColour { success ? .success : .ending }
}
