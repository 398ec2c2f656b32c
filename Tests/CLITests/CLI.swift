import Foundation
import OutputFiles
import TestSupport
import Testing

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

/// Names of the files in a folder, sorted, but the lock file every result folder keeps.
func files(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0 != ".cartpole.lock" }
        .sorted()
}

/// The folder's manifest, after checking that it lists exactly the files below the folder (but itself, hidden
/// names, and the names in `others`: results of other commands, a user's files), each with its size and digest.
func verifiedManifest(_ folder: URL, others: Set<String> = [], sourceLocation: SourceLocation = #_sourceLocation) throws
    -> RunManifest
{
    let manifest = try #require(
        try RunManifest.read(in: folder), "\(folder.path) has a manifest", sourceLocation: sourceLocation)
    func paths(_ url: URL, _ prefix: String) -> [String] {
        files(in: url).filter { !others.contains(prefix + $0) && !$0.hasPrefix(".") }.flatMap { name -> [String] in
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: url.appendingPathComponent(name).path, isDirectory: &isFolder)
            return isFolder.boolValue ? paths(url.appendingPathComponent(name), prefix + name + "/") : [prefix + name]
        }
    }
    let present = paths(folder, "").filter { $0 != RunManifest.fileName }
    #expect(
        present == manifest.files.map(\.path), "the manifest lists exactly the files there",
        sourceLocation: sourceLocation)
    #expect(
        manifest.changedFiles(in: folder).isEmpty, "every listed file is as written", sourceLocation: sourceLocation)
    return manifest
}

/// Width and height of the PNG at `url`.
func pngSize(_ url: URL) throws -> (Int, Int) { try PNGFile.size(of: Data(contentsOf: url)) }

/// The folder of a small agent that `cartpole train` makes with `options` (8 hidden units unless they
/// say otherwise), for suites that share one: made when first asked, a test process's failure when it
/// cannot be.
func trainedFolder(_ name: String, _ options: [String]) -> URL {
    do {
        let folder = try Fixtures.temporaryDirectory(name)
        let result = try runProcess(cartpoleBinary, ["train", "--hidden", "8"] + options + ["--out", folder.path])
        precondition(result.status == 0, "the sample agent trains: \(result.stderr)")
        return folder
    } catch { preconditionFailure("the sample agent trains: \(error)") }
}

/// Fast settings for end-to-end runs (the suite runs in debug builds too).
let quickTraining = ["--frames", "1200", "--hidden", "32", "--memory-size", "600", "--epsilon-decay", "0.002"]

/// A `cartpole` process running in the background, whose stderr is read as it comes.
final class RunningCartpole {
    let process = Process()
    private let errors = Pipe()
    private var seen = Data()

    init(_ arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: cartpoleBinary)
        process.arguments = arguments
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
    }

    /// Waits (a minute at most) until stderr shows `marker` or the process ends; whether it showed it.
    @discardableResult
    func wait(for marker: String) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, process.isRunning, !String(decoding: seen, as: UTF8.self).contains(marker) {
            seen.append(errors.fileHandleForReading.availableData)
        }
        return String(decoding: seen, as: UTF8.self).contains(marker)
    }

    /// Sends `signal` and waits for the end; the exit status (128 + N for a signal's default action) and stderr.
    func stop(with signal: Int32) -> (status: Int32, stderr: String) {
        kill(process.processIdentifier, signal)
        process.waitUntilExit()
        seen.append(errors.fileHandleForReading.readDataToEndOfFile())
        let status =
            process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        return (status, String(decoding: seen, as: UTF8.self))
    }
}

/// Starts `cartpole`, waits until its stderr shows `marker`, sends `signal`, and waits for it to end.
func interrupt(_ arguments: [String], when marker: String, with signal: Int32) throws -> (status: Int32, stderr: String)
{
    let running = try RunningCartpole(arguments)
    running.wait(for: marker)
    return running.stop(with: signal)
}

/// Runs `cartpole` with writes limited to `kilobytes` per file (as on a full disk, each write past the
/// limit fails with EFBIG instead of killing the process).
func cartpoleWithFileSizeLimit(kilobytes: Int, _ arguments: [String]) throws -> ProcessResult {
    let script = "trap '' XFSZ; ulimit -f \(kilobytes); exec \"$0\" \"$@\""
    return try runProcess("/bin/bash", ["-c", script, cartpoleBinary] + arguments)
}
