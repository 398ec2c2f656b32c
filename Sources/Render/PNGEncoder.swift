import CZlib
import Foundation

/// PNG files of canvases, encoded here rather than by Cairo's writer (libpng at zlib's default level, with
/// its filter chosen row by row): a figure is mostly flat colour, which the Up filter turns into runs of
/// zeros and zlib's level 3 compresses in a third of the time to files about a sixth larger (a run redraws
/// its training figure twenty times; `cartpole-bench plot` measures it).
enum PNGEncoder {
    /// The PNG of `canvas`: 8-bit RGB when every pixel is opaque (every figure is), else RGBA with the
    /// colours un-premultiplied.
    static func encode(_ canvas: Canvas) throws -> Data {
        let (width, height, stride) = (canvas.width, canvas.height, canvas.stride)
        return try canvas.withPixels { pixels -> Data in
            guard let source = pixels.baseAddress else { throw RenderError("encoding a PNG", reason: "no pixels") }
            let opaque = (0..<height).allSatisfy { y in
                let line = UnsafeRawPointer(source + y &* stride)
                return (0..<width).allSatisfy { x in
                    line.loadUnaligned(fromByteOffset: x &* 4, as: UInt32.self) & 0xFF00_0000 == 0xFF00_0000
                }
            }
            let channels = opaque ? 3 : 4
            let rowBytes = 1 + width * channels
            // Row by row into the compressor, so that a large figure needs no second copy of its pixels:
            // each row its filter (2, Up: each byte minus the one above it), then its bytes.
            let deflater = try Deflater(level: 3)
            let out = UnsafeMutablePointer<UInt8>.allocate(capacity: rowBytes)
            defer { out.deallocate() }
            out[0] = 2
            // For RGBA, this row and the one above un-premultiplied (Cairo's pixels are premultiplied by
            // alpha; PNG's are not).
            let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: opaque ? 0 : 2 * width * channels)
            defer { rows.deallocate() }
            if !opaque { rows.initialize(repeating: 0, count: 2 * width * channels) }
            var (above, row) = (rows, rows + width * channels)
            for y in 0..<height {
                let line = source + y &* stride
                if opaque {
                    // B, G, R, A bytes to R, G, B, each minus the same byte of the pixel above.
                    for x in 0..<width {
                        let (pixel, o) = (line + x &* 4, out + (1 &+ x &* 3))
                        if y == 0 {
                            (o[0], o[1], o[2]) = (pixel[2], pixel[1], pixel[0])
                        } else {
                            let up = pixel - stride
                            (o[0], o[1], o[2]) = (pixel[2] &- up[2], pixel[1] &- up[1], pixel[0] &- up[0])
                        }
                    }
                } else {
                    for x in 0..<width {
                        let (pixel, o) = (line + x * 4, x * channels)
                        let (b, g, r, a) = (pixel[0], pixel[1], pixel[2], pixel[3])
                        func straight(_ c: UInt8) -> UInt8 {
                            a == 0 ? 0 : UInt8(min(255, (Int(c) * 255 + Int(a) / 2) / Int(a)))
                        }
                        (row[o], row[o + 1], row[o + 2], row[o + 3]) = (straight(r), straight(g), straight(b), a)
                    }
                    for i in 0..<(width * channels) { out[1 + i] = row[i] &- above[i] }
                    swap(&above, &row)
                }
                try deflater.add(UnsafeBufferPointer(start: out, count: rowBytes))
            }
            var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            var header = Data()
            header.appendBigEndian(UInt32(width))
            header.appendBigEndian(UInt32(height))
            header.append(contentsOf: [8, opaque ? 2 : 6, 0, 0, 0])
            png.appendChunk("IHDR", header)
            png.appendChunk("IDAT", try deflater.finish())
            png.appendChunk("IEND", Data())
            return png
        }
    }
}

/// A zlib stream being written, owned here and ended in `deinit`: bytes in, compressed bytes collected.
private final class Deflater {
    private var stream = z_stream()
    private var output = Data()
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32) throws {
        guard czlib_deflate_init(&stream, level, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw RenderError("encoding a PNG", reason: "zlib could not start a stream")
        }
    }

    deinit { deflateEnd(&stream) }

    /// Compresses `bytes` onto what was added before.
    func add(_ bytes: UnsafeBufferPointer<UInt8>) throws { _ = try run(bytes, flush: Z_NO_FLUSH) }

    /// Ends the stream and returns all of it.
    func finish() throws -> Data {
        guard try run(UnsafeBufferPointer(start: nil, count: 0), flush: Z_FINISH) == Z_STREAM_END else {
            throw RenderError("encoding a PNG", reason: "zlib did not end the stream")
        }
        return output
    }

    /// Feeds `bytes` with `flush`, collecting the output a chunk at a time until zlib wants more input (or,
    /// finishing, until the stream ends); returns zlib's last status.
    private func run(_ bytes: UnsafeBufferPointer<UInt8>, flush: Int32) throws -> Int32 {
        stream.next_in = UnsafeMutablePointer(mutating: bytes.baseAddress)
        stream.avail_in = uInt(bytes.count)
        while true {
            var status = Z_OK
            let produced = chunk.withUnsafeMutableBufferPointer { chunk -> Int in
                stream.next_out = chunk.baseAddress
                stream.avail_out = uInt(chunk.count)
                status = CZlib.deflate(&stream, flush)
                return chunk.count - Int(stream.avail_out)
            }
            // Z_BUF_ERROR: nothing left to do with this input (not an error).
            guard status == Z_OK || status == Z_STREAM_END || status == Z_BUF_ERROR else {
                throw RenderError("encoding a PNG", reason: "zlib's deflate returned \(status)")
            }
            output.append(contentsOf: chunk[0..<produced])
            let more = stream.avail_out == 0 || (flush == Z_FINISH && status == Z_OK)
            if !more { return status }
        }
    }
}

extension Data {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }

    /// A PNG chunk: its length, type, data and the CRC-32 of type and data.
    fileprivate mutating func appendChunk(_ type: String, _ data: Data) {
        appendBigEndian(UInt32(data.count))
        let typed = Data(type.utf8) + data
        append(typed)
        let crc = typed.withUnsafeBytes { crc32(0, $0.bindMemory(to: Bytef.self).baseAddress, uInt($0.count)) }
        appendBigEndian(UInt32(crc))
    }
}
