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
        try createFolders(url, for: path)
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

/// Creates `url` and any missing parents (as `mkdir -p`), with the system's reason when one cannot be made.
private func createFolders(_ url: URL, for path: String) throws {
    var missing: [URL] = []
    var current = url.standardizedFileURL
    while !FileManager.default.fileExists(atPath: current.path), current.path != "/" {
        missing.append(current)
        current = current.deletingLastPathComponent()
    }
    for folder in missing.reversed() where mkdir(folder.path, 0o755) != 0 && errno != EEXIST {
        throw ValidationError("cannot create the output folder \(path): \(String(cString: strerror(errno)))")
    }
}

/// Clears the temporary files that killed runs left in `folder`, saying so.
func removeAbandonedFiles(in folder: URL) {
    let removed = AtomicFile.removeAbandoned(in: folder)
    if !removed.isEmpty {
        Console.message("removed \(removed.count) unfinished file(s) left by an earlier run that was killed: \(removed.joined(separator: ", "))")
    }
}

/// Whether `path` names an existing folder.
func isFolder(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
}

/// The files below `folder`, at most `depth` folders down, whose names `matches` accepts, sorted by path;
/// hidden names are skipped.
func files(below folder: URL, depth: Int, where matches: (String) -> Bool) -> [URL] {
    var found: [URL] = []
    for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() where !name.hasPrefix(".") {
        let child = folder.appendingPathComponent(name)
        if isFolder(child.path) {
            if depth > 0 { found += files(below: child, depth: depth - 1, where: matches) }
        } else if matches(name) {
            found.append(child)
        }
    }
    return found
}
