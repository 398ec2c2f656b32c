/// How an episode ended, as a video says it: the words, and whether it was a success (the time limit
/// reached, drawn bluish green with a tick) or a failure (the pole fell or the cart left the track, drawn
/// vermilion with a cross): told by word, by shape and by a colour pair readers with red-green colour
/// blindness tell apart (Okabe and Ito's).
public struct EpisodeEnding: Sendable, Equatable {
    /// How the episode ended, in words ("fell at step 57", "200 steps: time limit").
    public var text: String
    /// Whether it lasted to the time limit.
    public var success: Bool

    /// An ending said by `text`.
    public init(_ text: String, success: Bool) {
        self.text = text
        self.success = success
    }

    /// The colour the ending is drawn in.
    var colour: SceneColour { success ? .success : .ending }

    /// The words as a video shows them, after the mark of success (✓) or failure (✗).
    public var label: String { (success ? "✓ " : "✗ ") + text }
}
