import Foundation

/// An exclusive lock on a folder, `FOLDER/.cartpole.lock`, held with `flock` for as long as this object
/// lives. The kernel releases it when the process ends however it ends (SIGKILL included), so a lock is
/// never left stale; the file itself stays and says who holds it: the holder's process id and command.
///
/// The lock file is written, never truncated, and only when it is a regular file of the folder's own (one
/// link, not a symlink): a lock file hard-linked to a file elsewhere would otherwise overwrite that file.
final class FolderLock {
    static let fileName = ".cartpole.lock"
    /// The holder's words take this many bytes, padded with spaces, so that the file is never truncated.
    static let recordSize = 512
    private let descriptor: Int32

    /// Takes the lock at once, or throws `.busy` with what the holder wrote into the lock file.
    init(_ folder: URL, holder: String) throws(RunFolderError) {
        let path = folder.appendingPathComponent(Self.fileName).path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
        guard descriptor >= 0 else {
            throw .cannotWrite(
                folder,
                reason: errno == ELOOP
                    ? "its \(Self.fileName) is a symlink; remove it" : String(cString: strerror(errno)))
        }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, status.st_nlink == 1 else {
            close(descriptor)
            throw .cannotWrite(
                folder,
                reason: "its \(Self.fileName) is not a file of its own (a hard link or a special file); remove it")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            guard code == EWOULDBLOCK else { throw .cannotWrite(folder, reason: String(cString: strerror(code))) }
            let text = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self).trimmingCharacters(
                in: .whitespaces)
            throw .busy(folder, holder: text.isEmpty ? "another process" : text)
        }
        var bytes = Array(String(decoding: holder.utf8.prefix(Self.recordSize), as: UTF8.self).utf8)
        bytes += [UInt8](repeating: 0x20, count: Self.recordSize - bytes.count)
        guard pwrite(descriptor, bytes, bytes.count, 0) == bytes.count else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotWrite(folder, reason: reason)
        }
    }

    deinit {
        close(descriptor)
    }
}
