import Foundation

/// What a finished child process said and how it ended.
public struct ProcessResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
}

/// Runs a program to completion and captures its output (for ffprobe, ffmpeg and the built CLI).
public func runProcess(
    _ executable: String, _ arguments: [String], environment: [String: String]? = nil,
    currentDirectory: URL? = nil
) throws -> ProcessResult {
    let process = Process()
    if executable.contains("/") {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
    } else {
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [executable] + arguments
    }
    if let environment { process.environment = environment }
    if let currentDirectory { process.currentDirectoryURL = currentDirectory }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // Read both pipes concurrently so a chatty child cannot block on a full pipe.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
        errData = err.fileHandleForReading.readDataToEndOfFile()
        group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return ProcessResult(
        status: process.terminationStatus,
        stdout: String(decoding: outData, as: UTF8.self),
        stderr: String(decoding: errData, as: UTF8.self))
}

/// What ffprobe reports of a video's first stream, counting the frames by decoding them.
public struct VideoProbe: Sendable {
    public let codec: String
    public let pixelFormat: String
    public let width: Int
    public let height: Int
    public let frameRate: String
    public let frames: Int
    public let duration: Double
}

public func probeVideo(_ url: URL) throws -> VideoProbe {
    let result = try runProcess(
        "ffprobe",
        [
            "-v", "error", "-select_streams", "v:0", "-count_frames",
            "-show_entries", "stream=codec_name,pix_fmt,width,height,r_frame_rate,nb_read_frames,duration",
            "-of", "json", url.path,
        ])
    guard result.status == 0,
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
        let stream = (json["streams"] as? [[String: Any]])?.first
    else {
        throw ProbeError(message: "ffprobe failed on \(url.path): \(result.stderr)")
    }
    return VideoProbe(
        codec: stream["codec_name"] as? String ?? "",
        pixelFormat: stream["pix_fmt"] as? String ?? "",
        width: stream["width"] as? Int ?? 0,
        height: stream["height"] as? Int ?? 0,
        frameRate: stream["r_frame_rate"] as? String ?? "",
        frames: Int(stream["nb_read_frames"] as? String ?? "") ?? -1,
        duration: Double(stream["duration"] as? String ?? "") ?? -1)
}

public struct ProbeError: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
