/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast generator whose whole state is one `UInt64`.
///
/// Every random draw of the project goes through one of these, passed explicitly, so a seed
/// reproduces a run bit for bit on any machine.
package struct SplitMix64: RandomNumberGenerator, Sendable {
    package private(set) var state: UInt64

    package init(seed: UInt64) { state = seed }

    package mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A double uniform in [0, 1), from the top 53 bits.
    package mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A float uniform in [0, 1) from the top 24 bits, as `torch.rand` gives float32 fractions.
    package mutating func nextUnitFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// An integer uniform in 0..<bound: the high word of a 64x64-bit product (Lemire), bias below 2^-50.
    package mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0)
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }
}
