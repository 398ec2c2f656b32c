import ArgumentParser
import Foundation

/// Makes sure `path` is a folder the tool can write into, creating it if missing.
func prepareOutputFolder(_ path: String) throws -> URL {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
        guard isDirectory.boolValue else {
            throw ValidationError("--out \(path) is a file, not a folder; choose a folder for the outputs")
        }
    } else {
        do { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) } catch {
            throw ValidationError("cannot create the output folder \(path): \(error.localizedDescription)")
        }
    }
    guard access(path, W_OK | X_OK) == 0 else {
        throw ValidationError("cannot write into the output folder \(path): permission denied")
    }
    return url
}
