import Foundation
import OutputFiles

/// Reading and writing whole files, with failures as `AgentError`s that name the file.
enum FileIO {
    /// The file's bytes; a missing or unreadable file is `failure(reason)`.
    static func read(_ url: URL, failure: (String) -> AgentError) throws(AgentError) -> Data {
        do { return try Data(contentsOf: url) } catch {
            throw failure(FileManager.default.fileExists(atPath: url.path) ? "cannot be read" : "no such file")
        }
    }

    /// Writes atomically (`AtomicFile`): complete under its name, or not there at all.
    static func write(_ data: Data, to url: URL, what: String) throws(AgentError) {
        do { try AtomicFile.write(data, to: url) } catch {
            throw AgentError.io(path: url.relativePath, reason: "cannot write \(what) (\(error.reason))")
        }
    }
}
