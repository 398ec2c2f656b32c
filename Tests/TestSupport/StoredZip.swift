import Foundation

/// Zip archives made by hand for hostile-input tests.
public enum StoredZip {
    /// A zip of stored entries, as `zipfile` writes one, each declaring its size or the one given.
    public static func make(_ entries: [(name: String, bytes: [UInt8])], declaring sizes: [Int?] = []) -> Data {
        func le<T: FixedWidthInteger>(_ value: T) -> [UInt8] { withUnsafeBytes(of: value.littleEndian) { Array($0) } }
        var file: [UInt8] = []
        var central: [UInt8] = []
        for (index, entry) in entries.enumerated() {
            let crc = Self.crc32(entry.bytes)
            let size = UInt32(sizes.count > index ? sizes[index] ?? entry.bytes.count : entry.bytes.count)
            let name = Array(entry.name.utf8)
            let common =
                le(UInt16(20)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt32(0)) + le(crc) + le(UInt32(entry.bytes.count))
                + le(size)
                + le(UInt16(name.count)) + le(UInt16(0))
            central +=
                le(UInt32(0x0201_4B50)) + le(UInt16(20)) + common + le(UInt16(0)) + le(UInt16(0))
                + le(UInt16(0)) + le(UInt32(0)) + le(UInt32(file.count)) + name
            file += le(UInt32(0x0403_4B50)) + common + name + entry.bytes
        }
        let end =
            le(UInt32(0x0605_4B50)) + le(UInt16(0)) + le(UInt16(0)) + le(UInt16(entries.count))
            + le(UInt16(entries.count)) + le(UInt32(central.count)) + le(UInt32(file.count)) + le(UInt16(0))
        return Data(file + central + end)
    }

    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
