import Agent
import CZlib
import Foundation
import OutputFiles

/// A zip archive read from memory, for the files PyTorch (`torch.save`) and Stable-Baselines3 write: the
/// central directory (ZIP64 where it is used), entries stored or deflated.
///
/// Written for hostile input as `SafetensorsFile` is: every offset and size from the archive is checked
/// against the archive's own size before anything is read, and an entry is inflated into a buffer of its
/// declared size, after that size was checked against the caller's limit, so a zip bomb costs no more memory
/// than the limit and is refused when it inflates past what it declared. CRC-32s are checked.
package struct ZipArchive: Sendable {
    package struct Entry: Sendable {
        package let name: String
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        package let size: Int
        let localHeader: Int
    }

    /// The entries in central-directory order.
    package let entries: [Entry]
    private let bytes: [UInt8]

    /// Whether `bytes` start as a zip archive does (a local file header).
    package static func looksLikeZip(_ bytes: some Sequence<UInt8>) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    package init(_ data: Data) throws(FileFormatError) { try self.init([UInt8](data)) }

    /// The archive in `bytes`, which it keeps (an archive inside another is read without a copy).
    package init(_ bytes: [UInt8]) throws(FileFormatError) {
        self.bytes = bytes
        let directory = try Self.centralDirectory(bytes)
        var entries: [Entry] = []
        var offset = directory.offset
        for _ in 0..<directory.count {
            guard bytes.count - offset >= 46, Self.u32(bytes, offset) == 0x0201_4B50 else {
                throw FileFormatError("its central directory is damaged at byte \(offset)")
            }
            let nameLength = Int(Self.u16(bytes, offset + 28))
            let extraLength = Int(Self.u16(bytes, offset + 30))
            let commentLength = Int(Self.u16(bytes, offset + 32))
            guard bytes.count - offset - 46 >= nameLength + extraLength + commentLength else {
                throw FileFormatError("its central directory is cut short at byte \(offset)")
            }
            let name = String(decoding: bytes[(offset + 46)..<(offset + 46 + nameLength)], as: UTF8.self)
            // Size, compressed size, local header offset; ZIP64 gives in its extra field 0x0001, in this
            // order, those that are 0xFFFFFFFF here.
            var fields = [offset + 24, offset + 20, offset + 42].map { UInt64(Self.u32(bytes, $0)) }
            var extra = offset + 46 + nameLength
            let extraEnd = extra + extraLength
            while extraEnd - extra >= 4 {
                let id = Self.u16(bytes, extra)
                let length = Int(Self.u16(bytes, extra + 2))
                guard extraEnd - extra - 4 >= length else { break }
                if id == 1 {
                    var field = extra + 4
                    let fieldEnd = field + length
                    for index in fields.indices where fields[index] == 0xFFFF_FFFF {
                        guard fieldEnd - field >= 8 else { break }
                        fields[index] = UInt64(littleEndian: bytes[field...])
                        field += 8
                    }
                }
                extra += 4 + length
            }
            let (size, compressed, local) = (fields[0], fields[1], fields[2])
            guard compressed <= UInt64(bytes.count), size <= UInt64(Int.max), local <= UInt64(bytes.count) else {
                throw FileFormatError("entry '\(MessageText.shown(name))' lies outside the archive; it is truncated")
            }
            entries.append(
                Entry(
                    name: name, method: Self.u16(bytes, offset + 10), crc: Self.u32(bytes, offset + 16),
                    compressedSize: Int(compressed), size: Int(size), localHeader: Int(local)))
            offset += 46 + nameLength + extraLength + commentLength
        }
        self.entries = entries
    }

    /// Where the central directory starts and how many entries it holds, from the end-of-central-directory
    /// record (searched backwards over the longest comment it can have) or its ZIP64 form.
    private static func centralDirectory(_ bytes: [UInt8]) throws(FileFormatError) -> (offset: Int, count: Int) {
        guard bytes.count >= 22,
            let end = stride(from: bytes.count - 22, through: max(0, bytes.count - 22 - 0xFFFF), by: -1).first(
                where: { bytes[$0] == 0x50 && u32(bytes, $0) == 0x0605_4B50 })
        else {
            throw FileFormatError("it has no end of a zip archive's directory; it is truncated")
        }
        var count = UInt64(u16(bytes, end + 10))
        var offset = UInt64(u32(bytes, end + 16))
        // The ZIP64 locator, 20 bytes before, points to the ZIP64 record holding the real values.
        if end >= 20, u32(bytes, end - 20) == 0x0706_4B50 {
            let record = UInt64(littleEndian: bytes[(end - 12)...])
            guard bytes.count >= 56, record <= UInt64(bytes.count - 56), u32(bytes, Int(record)) == 0x0606_4B50 else {
                throw FileFormatError("its ZIP64 directory record is missing; it is truncated")
            }
            count = UInt64(littleEndian: bytes[(Int(record) + 32)...])
            offset = UInt64(littleEndian: bytes[(Int(record) + 48)...])
        }
        // Each entry takes at least 46 bytes of the directory, which lies before its end record.
        guard offset <= UInt64(end), count <= (UInt64(end) - offset) / 46 else {
            throw FileFormatError("its directory lies outside the archive; it is truncated")
        }
        return (Int(offset), Int(count))
    }

    /// The entry called `name`, if there is one.
    package func entry(_ name: String) -> Entry? { entries.first { $0.name == name } }

    /// The contents of `entry`, refused unread when it declares more than `limit` bytes.
    package func contents(of entry: Entry, limit: Int) throws(FileFormatError) -> [UInt8] {
        let shown = MessageText.shown(entry.name)
        guard entry.size <= limit else {
            throw FileFormatError(
                "entry '\(shown)' declares \(entry.size) bytes, more than such an entry can hold (\(limit))")
        }
        let header = entry.localHeader
        guard bytes.count - header >= 30, Self.u32(bytes, header) == 0x0403_4B50 else {
            throw FileFormatError("entry '\(shown)' has no local header; the archive is damaged")
        }
        let start = header + 30 + Int(Self.u16(bytes, header + 26)) + Int(Self.u16(bytes, header + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw FileFormatError("entry '\(shown)' runs past the end of the archive; it is truncated")
        }
        let stored = bytes[start..<(start + entry.compressedSize)]
        let contents: [UInt8]
        switch entry.method {
        case 0:
            guard entry.compressedSize == entry.size else {
                throw FileFormatError("entry '\(shown)' is stored with two different sizes")
            }
            contents = Array(stored)
        case 8:
            contents = try Self.inflate(stored, size: entry.size, name: shown)
        default:
            throw FileFormatError(
                "entry '\(shown)' is compressed by method \(entry.method); readable are stored (0) and deflate (8)")
        }
        let crc = contents.withUnsafeBufferPointer {
            UInt32(crc32(0, $0.baseAddress, UInt32($0.count)))
        }
        guard crc == entry.crc else {
            throw FileFormatError("entry '\(shown)' has a CRC-32 that disagrees; the archive is damaged")
        }
        return contents
    }

    /// Raw deflate into exactly `size` bytes: more output than that, or too little, refuses the entry.
    private static func inflate(_ input: ArraySlice<UInt8>, size: Int, name: String) throws(FileFormatError)
        -> [UInt8]
    {
        // zlib counts in 32 bits; no entry read here comes near that.
        guard size < UInt32.max, input.count < UInt32.max else {
            throw FileFormatError("entry '\(name)' is larger than 4 GiB, larger than any entry read here")
        }
        var output = [UInt8](repeating: 0, count: size + 1)
        let (status, room): (Int32, Int) = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                var stream = z_stream()
                guard czlib_inflate_init_raw(&stream) == Z_OK else { return (Z_MEM_ERROR, 0) }
                defer { inflateEnd(&stream) }
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                // One byte of room past the declared size shows an entry that inflates to more.
                stream.avail_out = uInt(target.count)
                return (CZlib.inflate(&stream, Z_FINISH), Int(stream.avail_out))
            }
        }
        guard room > 0 else {
            throw FileFormatError("entry '\(name)' inflates to more than the \(size) bytes it declares (a zip bomb?)")
        }
        guard status == Z_STREAM_END else {
            throw FileFormatError(
                status == Z_BUF_ERROR
                    ? "entry '\(name)' ends before its compressed data does; the archive is truncated"
                    : "entry '\(name)' is not valid deflate data; the archive is damaged")
        }
        guard room == 1 else {
            throw FileFormatError("entry '\(name)' inflates to fewer bytes than it declares; the archive is damaged")
        }
        output.removeLast()
        return output
    }

    private static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 { UInt16(littleEndian: bytes[at...]) }
    private static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 { UInt32(littleEndian: bytes[at...]) }
}
