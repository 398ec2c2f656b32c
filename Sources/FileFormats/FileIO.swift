import Agent
import Foundation
import OutputFiles

/// Reading and writing whole files, with failures as `AgentError`s that name the file.
enum FileIO {
    /// The bytes of the regular file at `url`, at most `limit` of them: a larger file is refused before
    /// it is read, so no input can take more memory than the largest real one. A missing, unreadable or
    /// irregular file is `failure(reason)`. `inspect` sees each piece of 1 MiB as it arrives and may refuse
    /// the file early by returning a reason; the first piece is seen before memory for the rest is taken.
    static func read(
        _ url: URL, limit: Int, what: String, failure: (String) -> AgentError,
        inspect: (UnsafeRawBufferPointer) -> String? = { _ in nil }
    ) throws(AgentError) -> Data {
        try read(into: Data.self, url, limit: limit, what: what, failure: failure, inspect: inspect)
    }

    /// As `read`, into the buffer type a reader works on (`[UInt8]` for a parser of slices), with no copy.
    static func read<Buffer: FileBuffer>(
        into _: Buffer.Type, _ url: URL, limit: Int, what: String, failure: (String) -> AgentError,
        inspect: (UnsafeRawBufferPointer) -> String? = { _ in nil }
    ) throws(AgentError) -> Buffer {
        let descriptor = open(url.path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw failure(errno == ENOENT ? "no such file" : "cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG else {
            throw failure("not a regular file (a folder, device or FIFO)")
        }
        let size = Int(status.st_size)
        guard size <= limit else {
            throw failure(
                String(
                    format: "it is %.1f MB, larger than %@ can be (%.0f MB at most)", Double(size) / 1e6, what,
                    Double(limit) / 1e6))
        }
        // The first piece is read (and inspected) before the memory for the whole file is taken.
        var data = Buffer(repeating: 0, count: min(size, 1 << 20))
        var offset = 0
        while offset < size {
            if offset == data.count { data.append(contentsOf: repeatElement(0, count: size - offset)) }
            let (count, error) = data.withUnsafeMutableBytes { buffer in
                (Foundation.read(descriptor, buffer.start + offset, min(size - offset, 1 << 20)), errno)
            }
            if count < 0 && error == EINTR { continue }
            if count < 0 { throw failure("cannot be read (\(String(cString: strerror(error))))") }
            if count == 0 { break }
            let refusal = data.withUnsafeBytes {
                inspect(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + count)]))
            }
            if let refusal { throw failure(refusal) }
            offset += count
        }
        data.removeSubrange(data.index(data.startIndex, offsetBy: offset)...)
        return data
    }

    /// A text file (CSV): as `read`, and refused at the first NUL byte or at a line longer than
    /// `longestLine`, neither of which a CSV this tool reads can hold, as soon as the piece holding it is read.
    /// A UTF-8 byte-order mark (as spreadsheet programs write) is dropped.
    static func readText(
        _ url: URL, limit: Int = 4 << 30, longestLine: Int = 1 << 20, what: String,
        failure: (String) -> AgentError
    ) throws(AgentError) -> Data {
        var line = 1
        var lineLength = 0
        let data = try read(url, limit: limit, what: what, failure: failure) { chunk in
            guard let base = chunk.baseAddress else { return nil }
            var start = 0
            // Line by line with memchr: a newline ends one; a NUL before it refuses the file.
            while start < chunk.count {
                let newline = memchr(base + start, 0x0A, chunk.count - start).map {
                    base.distance(to: UnsafeRawPointer($0))
                }
                let end = newline ?? chunk.count
                if memchr(base + start, 0, end - start) != nil {
                    return "line \(line): a NUL byte; this is not a text file"
                }
                lineLength += end - start
                if lineLength > longestLine {
                    return "line \(line) is longer than \(longestLine) bytes, longer than any row of \(what)"
                }
                guard newline != nil else { break }
                line += 1
                lineLength = 0
                start = end + 1
            }
            return nil
        }
        return data.starts(with: [0xEF, 0xBB, 0xBF]) ? Data(data.dropFirst(3)) : data
    }

    /// Writes atomically (`AtomicFile`): complete under its name, or not there at all.
    static func write(_ data: Data, to url: URL, what: String) throws(AgentError) {
        do { try AtomicFile.write(data, to: url) } catch {
            throw AgentError.io(path: url.relativePath, reason: "cannot write \(what) (\(error.reason))")
        }
    }
}

/// What `FileIO.read` reads into: contiguous bytes that grow.
protocol FileBuffer: RangeReplaceableCollection<UInt8> {
    mutating func withUnsafeMutableBytes<R>(_ body: (UnsafeMutableRawBufferPointer) throws -> R) rethrows -> R
    func withUnsafeBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R
}

extension Data: FileBuffer {}
extension Array: FileBuffer where Element == UInt8 {}
