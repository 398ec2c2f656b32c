import Foundation

/// What a test reads of a PNG file.
public enum PNGFile {
    /// Width and height from the IHDR chunk, which every PNG has first.
    public static func size(of data: Data) throws -> (Int, Int) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24 else { throw CocoaError(.fileReadCorruptFile) }
        func word(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        return (word(16), word(20))
    }
}
