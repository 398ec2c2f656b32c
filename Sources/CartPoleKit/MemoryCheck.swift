import Agent
import Foundation
import OutputFiles

/// The checks of a job's memory estimates against the RAM the process may plan for (`Platform.memoryBytes`).
package enum MemoryCheck {
    /// Refuses a configuration that needs more memory than the machine has when `runs` trainings of it go
    /// at once, naming the estimate and the settings to lower.
    package static func check(_ configuration: TrainingConfiguration, runs: Int = 1) throws(JobError) {
        let estimate = TrainingFootprint(configuration)
        let needed = estimate.bytes.multipliedSaturating(max(runs, 1))
        guard needed > Platform.memoryBytes else { return }
        let largest = estimate.largest
        throw .memory(
            what: runs > 1 ? "these \(runs) trainings at once need" : "this training needs", needed: needed,
            available: Platform.memoryBytes,
            detail: "\(MessageText.gibibytes(largest.bytes)) for \(largest.what)\(runs > 1 ? " each" : "")",
            lower: largest.settings + (runs > 1 ? ["jobs"] : []))
    }

    /// What one video being drawn and encoded takes: the canvas, the converted frames and libx264's
    /// lookahead, about 110 bytes a pixel (measured: 0.9 GB at 3840x2160), beside 50 MB for the process.
    static func recordingBytes(width: Int, height: Int) -> Int { 110 * width * height }
    static let processBytes = 50 << 20

    /// How many of `wanted` videos can be encoded at once at this size (at least one); refuses a size at
    /// which even one does not fit.
    package static func recordingJobs(width: Int, height: Int, wanted: Int) throws(JobError) -> Int {
        let each = recordingBytes(width: width, height: height)
        let available = Platform.memoryBytes - processBytes
        guard each <= available else {
            throw .memory(
                what: "recording at \(width)x\(height) needs", needed: each + processBytes,
                available: Platform.memoryBytes, detail: "", lower: ["size"])
        }
        return max(1, min(wanted, available / each))
    }
}
