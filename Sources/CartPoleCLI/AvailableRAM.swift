import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

/// The RAM a run may plan for (`Platform.memoryBytes`), and the checks of the CLI's estimates against it.
enum AvailableRAM {
    static var bytes: Int { Platform.memoryBytes }

    /// Refuses, naming the estimate and the option to change, a configuration that needs more memory than
    /// the machine has when `runs` trainings of it go at once.
    static func check(_ configuration: TrainingConfiguration, runs: Int = 1) throws {
        let estimate = TrainingFootprint(configuration)
        let available = bytes
        let needed = estimate.bytes.multipliedSaturating(max(runs, 1))
        guard needed > available else { return }
        let largest = estimate.largest
        let what = runs > 1 ? "these \(runs) trainings at once need" : "this training needs"
        throw ValidationError(
            "\(what) about \(gibibytes(needed)) of memory, more than the "
                + "\(gibibytes(available)) this machine has: \(gibibytes(largest.bytes)) for \(largest.what)\(runs > 1 ? " each" : ""); "
                + "lower \(largest.settings.map(optionName).joined(separator: " and "))\(runs > 1 ? " or --jobs" : "")")
    }

    /// What one video being drawn and encoded takes: the canvas, the converted frames and libx264's
    /// lookahead, about 110 bytes a pixel (measured: 0.9 GB at 3840x2160), beside 50 MB for the process.
    static func recordingBytes(width: Int, height: Int) -> Int { 110 * width * height }
    static let processBytes = 50 << 20

    /// How many of `wanted` videos can be encoded at once at this size (at least one); refuses a size at
    /// which even one does not fit, naming the option to lower.
    static func recordingJobs(width: Int, height: Int, wanted: Int) throws -> Int {
        let each = recordingBytes(width: width, height: height)
        let available = bytes - processBytes
        guard each <= available else {
            throw ValidationError(
                "recording at \(width)x\(height) needs about \(gibibytes(each + processBytes)) of memory, more than the "
                    + "\(gibibytes(bytes)) this machine has; lower --size")
        }
        return max(1, min(wanted, available / each))
    }

    static func gibibytes(_ bytes: Int) -> String { MessageText.gibibytes(bytes) }
}
