import Foundation
import Render

/// How test episodes are played and encoded.
public struct RecordingSettings: Sendable {
    /// Greedy test episodes to record.
    public var episodes = 3
    /// The video's size in pixels (both even); the 600x400 scene is scaled to fit.
    public var width = 600
    public var height = 400
    /// Container, encoder, frame rate, quality and speed.
    public var video = VideoSettings()
    /// The heads-up display (episode, step, return, action, Q-values).
    public var showsHeadsUp = true
    /// Q(left) and Q(right) over the steps so far in a strip under the scene.
    public var qStrip = false
    /// Episodes drawn and encoded at once, each by a one-thread encoder; 1 lets the encoder use its own threads.
    public var jobs = ProcessInfo.processInfo.activeProcessorCount + 1

    public init() {}
}
