import Foundation

/// An output file that appears complete or not at all: written under a hidden temporary name in the
/// destination's own folder, then flushed to disk, renamed into place, and the folder flushed, so neither a
/// failure nor a crash nor a power cut leaves a half-written output under the real name.
///
/// The temporary name is `.NAME.partial-PID-N`: hidden, never mistaken for an output, and carrying the
/// writing process's id, so that `removeAbandoned(in:)` can clear what a killed process left behind.
/// An `AtomicFile` dropped before `commit()` removes its temporary file.
package final class AtomicFile {
    package let destination: URL
    /// Where the content is written until `commit()`.
    package let temporary: URL
    private var committed = false

    nonisolated(unsafe) private static var counter = 0
    private static let counterLock = NSLock()
    static let marker = ".partial-"

    package init(_ destination: URL) {
        self.destination = destination
        let number = Self.counterLock.withLock { () -> Int in
            Self.counter += 1
            return Self.counter
        }
        temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent)\(Self.marker)\(getpid())-\(number)")
    }

    deinit {
        if !committed { unlink(temporary.path) }
    }

    /// Refuses a destination that exists and is not a regular file (a device, a FIFO, a socket, a folder):
    /// the rename would replace it. A symbolic link is replaced itself, never what it points to.
    package static func checkReplaceable(_ url: URL) throws(OutputError) {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG || kind == S_IFLNK else {
            throw OutputError(
                url, "it exists and is not a regular file (a device, FIFO, socket or folder); choose a file's path",
                errno: 0)
        }
    }

    /// Flushes the finished temporary file to disk, renames it to the destination and flushes the folder.
    package func commit() throws(OutputError) {
        precondition(!committed, "an AtomicFile is committed once")
        try Self.checkReplaceable(destination)
        let descriptor = open(temporary.path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputError(destination, "cannot reopen the finished file") }
        let synced = fsync(descriptor)
        let syncError = errno
        close(descriptor)
        guard synced == 0 else { throw OutputError(destination, "cannot flush it to disk", errno: syncError) }
        guard rename(temporary.path, destination.path) == 0 else {
            throw OutputError(destination, "cannot move it into place")
        }
        committed = true
        // The rename is durable once the folder is flushed; a folder that cannot be opened (rare) is left as is.
        let folder = open(destination.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    /// Writes `data` to `url` atomically.
    package static func write(_ data: Data, to url: URL) throws(OutputError) {
        try checkReplaceable(url)
        let file = AtomicFile(url)
        let descriptor = open(file.temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw OutputError(url, "cannot create it") }
        var failure: Int32 = 0
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let written = Foundation.write(descriptor, raw.start + offset, raw.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        close(descriptor)
        if failure != 0 { throw OutputError(url, "cannot write it", errno: failure) }
        try file.commit()
    }

    /// Removes the temporary files in `folder` that processes no longer running left behind (a second
    /// Ctrl-C, SIGKILL, a crash), and returns their names. Files of processes still running are kept.
    @discardableResult
    package static func removeAbandoned(in folder: URL) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        var removed: [String] = []
        for name in names where name.hasPrefix(".") {
            guard let range = name.range(of: marker, options: .backwards) else { continue }
            let owner = name[range.upperBound...].split(separator: "-").first.flatMap { Int32($0) }
            guard let owner, owner > 0, owner != getpid(), kill(owner, 0) != 0, errno == ESRCH else { continue }
            if unlink(folder.appendingPathComponent(name).path) == 0 { removed.append(name) }
        }
        return removed.sorted()
    }
}
