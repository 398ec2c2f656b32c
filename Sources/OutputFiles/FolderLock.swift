import Foundation

/// An exclusive lock on a folder, `FOLDER/.cartpole.lock`, held with `flock` for as long as this object
/// lives. The kernel releases it when the process ends however it ends (SIGKILL included), so a lock is
/// never left stale; the file itself stays and says who holds it: the holder's process id and command.
final class FolderLock {
    static let fileName = ".cartpole.lock"
    private let descriptor: Int32

    /// Takes the lock at once, or throws `.busy` with what the holder wrote into the lock file.
    init(_ folder: URL, holder: String) throws(RunFolderError) {
        let path = folder.appendingPathComponent(Self.fileName).path
        descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .cannotWrite(folder, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let code = errno
            var buffer = [UInt8](repeating: 0, count: 512)
            let count = pread(descriptor, &buffer, buffer.count, 0)
            close(descriptor)
            guard code == EWOULDBLOCK else { throw .cannotWrite(folder, reason: String(cString: strerror(code))) }
            let text = String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self)
            throw .busy(folder, holder: text.isEmpty ? "another process" : text)
        }
        let bytes = Array(holder.utf8)
        guard ftruncate(descriptor, 0) == 0, pwrite(descriptor, bytes, bytes.count, 0) == bytes.count else {
            let reason = String(cString: strerror(errno))
            close(descriptor)
            throw .cannotWrite(folder, reason: reason)
        }
    }

    deinit {
        ftruncate(descriptor, 0)
        close(descriptor)
    }
}
