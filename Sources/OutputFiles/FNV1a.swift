/// FNV-1a, 64-bit, over a sequence of words (bytes widened, or whole bit patterns): a small, stable hash
/// for seeding and keying by content, the same on every machine and in every run (unlike `Hasher`).
package enum FNV1a {
    package static func hash(_ words: some Sequence<UInt64>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for word in words { hash = (hash ^ word) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
