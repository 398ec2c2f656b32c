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
            // Each row: its filter (2, Up: each byte minus the one above it), then its bytes.
            var raw = [UInt8](repeating: 0, count: rowBytes * height)
            raw.withUnsafeMutableBufferPointer { raw in
                guard let target = raw.baseAddress else { return }
                if opaque {
                    // B, G, R, A bytes to R, G, B, each minus the same byte of the pixel above.
                    for y in 0..<height {
                        let (line, out) = (source + y &* stride, target + y &* rowBytes)
                        out[0] = 2
                        for x in 0..<width {
                            let (pixel, o) = (line + x &* 4, out + (1 &+ x &* 3))
                            if y == 0 {
                                (o[0], o[1], o[2]) = (pixel[2], pixel[1], pixel[0])
                            } else {
                                let up = pixel - stride
                                (o[0], o[1], o[2]) = (pixel[2] &- up[2], pixel[1] &- up[1], pixel[0] &- up[0])
                            }
                        }
                    }
                    return
                }
                let rows = UnsafeMutablePointer<UInt8>.allocate(capacity: 2 * width * channels)
                defer { rows.deallocate() }
                rows.initialize(repeating: 0, count: 2 * width * channels)
                var (above, row) = (rows, rows + width * channels)
                for y in 0..<height {
                    let line = source + y * stride
                    for x in 0..<width {
                        let (pixel, o) = (line + x * 4, x * channels)
                        let (b, g, r, a) = (pixel[0], pixel[1], pixel[2], pixel[3])
                        // Cairo's pixels are premultiplied by alpha; PNG's are not.
                        func straight(_ c: UInt8) -> UInt8 {
                            a == 0 ? 0 : UInt8(min(255, (Int(c) * 255 + Int(a) / 2) / Int(a)))
                        }
                        (row[o], row[o + 1], row[o + 2], row[o + 3]) = (straight(r), straight(g), straight(b), a)
                    }
                    let out = target + y * rowBytes
                    out[0] = 2
                    for i in 0..<(width * channels) { out[1 + i] = row[i] &- above[i] }
                    swap(&above, &row)
                }
            }
            var png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            var header = Data()
            header.appendBigEndian(UInt32(width))
            header.appendBigEndian(UInt32(height))
            header.append(contentsOf: [8, opaque ? 2 : 6, 0, 0, 0])
            png.appendChunk("IHDR", header)
            png.appendChunk("IDAT", try deflate(raw))
            png.appendChunk("IEND", Data())
            return png
        }
    }

    /// `bytes` as a zlib stream, at level 3.
    private static func deflate(_ bytes: [UInt8]) throws -> Data {
        var stream = z_stream()
        guard czlib_deflate_init(&stream, 3, Z_DEFAULT_STRATEGY) == Z_OK else {
            throw RenderError("encoding a PNG", reason: "zlib could not start a stream")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(bytes.count))))
        let status = bytes.withUnsafeBufferPointer { input in
            output.withUnsafeMutableBufferPointer { output in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
                stream.avail_in = uInt(input.count)
                stream.next_out = output.baseAddress
                stream.avail_out = uInt(output.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else {
            throw RenderError("encoding a PNG", reason: "zlib's deflate returned \(status)")
        }
        return Data(output[0..<Int(stream.total_out)])
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
