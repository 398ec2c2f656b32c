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

/// Starts `cartpole`, waits until its stderr shows `marker`, sends `signal`, and waits for it to end.
func interrupt(_ arguments: [String], when marker: String, with signal: Int32) throws -> (status: Int32, stderr: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: cartpoleBinary)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(60)
    var seen = Data()
    while Date() < deadline, process.isRunning, !String(decoding: seen, as: UTF8.self).contains(marker) {
        seen.append(errors.fileHandleForReading.availableData)
    }
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    seen.append(errors.fileHandleForReading.readDataToEndOfFile())
    return (process.terminationStatus, String(decoding: seen, as: UTF8.self))
}

/// Runs `cartpole` with writes limited to `kilobytes` per file (as on a full disk, each write past the
/// limit fails with EFBIG instead of killing the process).
func cartpoleWithFileSizeLimit(kilobytes: Int, _ arguments: [String]) throws -> ProcessResult {
    let script = "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\""
    return try runProcess("/bin/bash", ["-c", script, cartpoleBinary] + arguments)
}
