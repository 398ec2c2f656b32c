import Agent
import Testing

@Suite struct SplitMix64Tests {
    @Test func matchesTheReferenceSequence() {
        // First outputs of SplitMix64 seeded with 0, from the reference C implementation.
        var generator = SplitMix64(seed: 0)
        #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
        #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test func theSameSeedGivesTheSameDraws() {
        var a = SplitMix64(seed: 777)
        var b = SplitMix64(seed: 777)
        for _ in 0..<100 { #expect(a.next() == b.next()) }
        let unit = a.nextUnit()
        #expect(unit >= 0 && unit < 1)
        for _ in 0..<1000 { #expect((0..<7).contains(a.nextIndex(below: 7))) }
    }
}
