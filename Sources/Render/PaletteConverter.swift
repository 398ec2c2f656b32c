/// Converts Cairo's BGRA pixels to 8-bit palette indices for GIF, with a fixed palette that holds the
/// videos' flat colours exactly (`SceneColour.all`), a grey ramp and a 6x6x6 colour cube for antialiased
/// edges. Each colour maps to
/// the palette colour nearest its 5-bit cell's centre, from a 32x32x32 table made once, except that the
/// scene's own colours take their cells and so map to themselves.
struct PaletteConverter {
    /// 256 colours as (red, green, blue).
    static let colours: [(UInt8, UInt8, UInt8)] = {
        var colours = SceneColour.all.map { ($0.red, $0.green, $0.blue) }
        for level in 0..<16 {
            let v = UInt8(level * 17)
            colours.append((v, v, v))
        }
        for r in 0..<6 {
            for g in 0..<6 { for b in 0..<6 { colours.append((UInt8(r * 51), UInt8(g * 51), UInt8(b * 51))) } }
        }
        while colours.count < 256 { colours.append((0, 0, 0)) }
        return colours
    }()

    /// Palette index by the top 5 bits of red, green and blue.
    static let table: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 32 * 32 * 32)
        let palette = colours.map { (Int($0.0), Int($0.1), Int($0.2)) }
        for key in table.indices {
            let r = (key >> 10) << 3 | 4
            let g = (key >> 5 & 31) << 3 | 4
            let b = (key & 31) << 3 | 4
            var best = 0
            var bestDistance = Int.max
            for (i, c) in palette.enumerated() {
                let d = (r - c.0) * (r - c.0) + (g - c.1) * (g - c.1) + (b - c.2) * (b - c.2)
                if d < bestDistance {
                    bestDistance = d
                    best = i
                }
            }
            table[key] = UInt8(best)
        }
        // The scene's own colours (the first ones) take their cells, so they come out exactly; every colour
        // of such a cell is within 7 per channel of them.
        for (i, c) in colours.prefix(namedColours).enumerated().reversed() {
            table[Int(c.0 >> 3) << 10 | Int(c.1 >> 3) << 5 | Int(c.2 >> 3)] = UInt8(i)
        }
        return table
    }()

    /// How many of the first colours are the scene's own.
    static let namedColours = SceneColour.all.count

    /// The palette as an AVFrame's data[1] wants it: 256 native-endian 0xAARRGGBB words.
    static var argbWords: [UInt32] {
        colours.map { 0xFF00_0000 | UInt32($0.0) << 16 | UInt32($0.1) << 8 | UInt32($0.2) }
    }

    /// The index of a colour: its 5-bit cell's nearest palette colour.
    static func index(red: UInt8, green: UInt8, blue: UInt8) -> UInt8 {
        table[Int(red >> 3) << 10 | Int(green >> 3) << 5 | Int(blue >> 3)]
    }

    /// Fills `picture` (pal8) from BGRA pixels `stride` bytes a row apart.
    func convert(bgra: UnsafePointer<UInt8>, stride: Int, into picture: VideoPicture) {
        let table = Self.table
        picture.withPlanes { planes, strides in
            let indices = VideoPicture.plane(planes, 0)
            let rowBytes = Int(strides[0])
            let palette = UnsafeMutableRawPointer(VideoPicture.plane(planes, 1)).assumingMemoryBound(to: UInt32.self)
            for (i, word) in Self.argbWords.enumerated() { palette[i] = word }
            table.withUnsafeBufferPointer { lookup in
                for y in 0..<picture.height {
                    let row = bgra + y * stride
                    let out = indices + y * rowBytes
                    for x in 0..<picture.width {
                        out[x] =
                            lookup[
                                Int(row[x * 4 + 2] >> 3) << 10 | Int(row[x * 4 + 1] >> 3) << 5 | Int(row[x * 4] >> 3)]
                    }
                }
            }
        }
    }
}
