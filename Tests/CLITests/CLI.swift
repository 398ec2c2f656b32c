import Foundation
import TestSupport

/// The built `cartpole` binary, beside the test bundle in the build folder.
let cartpoleBinary: String = {
    var url = Bundle.main.bundleURL
    for _ in 0..<4 where !FileManager.default.fileExists(atPath: url.appendingPathComponent("cartpole").path) {
        url = url.deletingLastPathComponent()
    }
    return url.appendingPathComponent("cartpole").path
}()

/// Runs `cartpole` with arguments and returns its status and output.
func cartpole(_ arguments: String...) throws -> ProcessResult {
    try runProcess(cartpoleBinary, arguments)
}

/// Names of the files in a folder, sorted.
func files(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
}

/// Width and height from a PNG's IHDR chunk.
func pngSize(_ url: URL) throws -> (Int, Int) {
    let bytes = [UInt8](try Data(contentsOf: url))
    func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
    return (word(16), word(20))
}

/// Fast settings for end-to-end runs (the suite runs in debug builds too).
let quickTraining = ["--frames", "1200", "--hidden", "32", "--memory-size", "600", "--epsilon-decay", "0.002"]
