import Agent

/// The one rule for the numbers a log of episodes holds, ours or another trainer's: a frame (a step) is a
/// whole number from 0 to `largestFrame`, a return a finite number within ±`largestReturn`. Far beyond
/// any training, and small enough that every sum, mean, difference and product the tables and figures
/// make of them stays finite and exact (a frame is exact in a Double).
package enum LoggedValue {
    package static let largestFrame = 1 << 40
    package static let largestReturn = 1e12

    package static func isFrame(_ frame: some BinaryInteger) -> Bool { frame >= 0 && frame <= largestFrame }
    package static func isReturn(_ value: Double) -> Bool { value.isFinite && abs(value) <= largestReturn }

    /// How messages give the bounds.
    static let returnBound = "±1e12"
    static let frameRange = "outside the frames a training can have (0 to \(largestFrame))"
    static let returnRange = "not a finite return within \(returnBound)"
}
