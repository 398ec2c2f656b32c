import ArgumentParser
import Foundation
import OutputFiles

/// Makes sure `path` is a folder the tool can write into, creating it if missing; found out before any
/// long work, by creating and removing a probe file (permission bits alone do not tell, e.g. for root
/// or on a read-only filesystem).
func prepareOutputFolder(_ path: String) throws -> URL {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
            throw ValidationError("--out \(path) is a file, not a folder; choose a folder for the outputs")
        }
    } else {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw ValidationError("cannot create the output folder \(path): \(reason(error))")
        }
    }
    let probe = url.appendingPathComponent(".cartpole-write-probe-\(getpid())").path
    let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
    guard descriptor >= 0 else {
        throw ValidationError("cannot write into the output folder \(path): \(String(cString: strerror(errno)))")
    }
    close(descriptor)
    unlink(probe)
    removeAbandonedFiles(in: url)
    return url
}

/// The system's words for a file error, without Foundation's wrapping.
private func reason(_ error: Error) -> String {
    let nsError = error as NSError
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
        return String(cString: strerror(Int32(underlying.code)))
    }
    return nsError.localizedDescription
}

/// Clears the temporary files that killed runs left in `folder`, saying so.
func removeAbandonedFiles(in folder: URL) {
    let removed = AtomicFile.removeAbandoned(in: folder)
    if !removed.isEmpty {
        Console.message("removed \(removed.count) unfinished file(s) left by an earlier run that was killed: \(removed.joined(separator: ", "))")
    }
}
