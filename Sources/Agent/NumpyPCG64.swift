/// The generator Gymnasium seeds an environment with: `np.random.Generator(np.random.PCG64(
/// np.random.SeedSequence(seed)))`, as `gymnasium.utils.seeding.np_random` makes it, reproduced exactly:
/// numpy's `SeedSequence` (its `hashmix` pool of four 32-bit words, `generate_state(4, uint64)`) seeds
/// PCG64 (128-bit LCG, XSL-RR output, numpy's `pcg64_set_seed`), and `nextDouble` is numpy's
/// `next_double` (the top 53 bits). So `CartPole.reset(using:)` with this generator gives the start states
/// of `env.reset(seed=seed)` and of the resets after it (fixtures: `Tests/Fixtures/resets.json`).
package struct NumpyPCG64: Sendable {
    private var state: UInt128
    private let increment: UInt128

    private static let multiplier = UInt128(0x2360_ED05_1FC6_5DA4) << 64 | UInt128(0x4385_DF64_9FCC_F645)

    package init(seed: UInt64) {
        let words = SeedSequence(entropy: seed).generateState(words64: 4)
        let initial = UInt128(words[0]) << 64 | UInt128(words[1])
        let sequence = UInt128(words[2]) << 64 | UInt128(words[3])
        // pcg_setseq_128_srandom_r
        increment = sequence << 1 | 1
        state = 0
        step()
        state &+= initial
        step()
    }

    private mutating func step() { state = state &* Self.multiplier &+ increment }

    /// pcg_setseq_128_xsl_rr_64_random_r: step, then fold the 128-bit state and rotate.
    package mutating func next() -> UInt64 {
        step()
        let folded = UInt64(truncatingIfNeeded: state >> 64) ^ UInt64(truncatingIfNeeded: state)
        let rotation = UInt64(truncatingIfNeeded: state >> 122)
        return folded >> rotation | folded << ((64 &- rotation) & 63)
    }

    /// numpy's `next_double`: a double uniform in [0, 1) from the top 53 bits.
    package mutating func nextDouble() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// numpy's `Generator.uniform(low, high)`: `low + (high - low) * next_double`.
    package mutating func uniform(_ low: Double, _ high: Double) -> Double { low + (high - low) * nextDouble() }
}

/// numpy's `SeedSequence` for an integer entropy and no spawn key: the entropy's 32-bit words (least
/// significant first) mixed into a pool of four, from which `generateState` draws.
struct SeedSequence {
    private static let (initA, multA, initB, multB): (UInt32, UInt32, UInt32, UInt32) = (
        0x43B0_D7E5, 0x931E_8875, 0x8B51_F9DD, 0x58F3_8DED
    )
    private static let (mixMultL, mixMultR): (UInt32, UInt32) = (0xCA01_F9DD, 0x4973_F715)
    private var pool = [UInt32](repeating: 0, count: 4)

    init(entropy: UInt64) {
        let low = UInt32(truncatingIfNeeded: entropy)
        let high = UInt32(truncatingIfNeeded: entropy >> 32)
        let words = high == 0 ? [low] : [low, high]
        var hashConstant = Self.initA
        func hashmix(_ value: UInt32) -> UInt32 {
            var value = value ^ hashConstant
            hashConstant = hashConstant &* Self.multA
            value = value &* hashConstant
            return value ^ value >> 16
        }
        func mix(_ x: UInt32, _ y: UInt32) -> UInt32 {
            let result = Self.mixMultL &* x &- Self.mixMultR &* y
            return result ^ result >> 16
        }
        for index in pool.indices { pool[index] = hashmix(index < words.count ? words[index] : 0) }
        for source in pool.indices {
            for target in pool.indices where source != target {
                pool[target] = mix(pool[target], hashmix(pool[source]))
            }
        }
        // Words beyond the pool's four (none for 64 bits of entropy) would be mixed in here.
    }

    /// `generate_state(count, np.uint64)`: 2 x count 32-bit words, paired little-endian.
    func generateState(words64 count: Int) -> [UInt64] {
        var hashConstant = Self.initB
        var words: [UInt32] = []
        for index in 0..<(2 * count) {
            var value = pool[index % pool.count] ^ hashConstant
            hashConstant = hashConstant &* Self.multB
            value = value &* hashConstant
            words.append(value ^ value >> 16)
        }
        return (0..<count).map { UInt64(words[2 * $0]) | UInt64(words[2 * $0 + 1]) << 32 }
    }
}
