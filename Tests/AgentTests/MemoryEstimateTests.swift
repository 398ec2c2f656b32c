import Agent
import Testing

@Suite struct MemoryEstimateTests {
    @Test func theDefaultsNeedLittleAndFramesScaleLinearly() {
        let defaults = MemoryEstimate(TrainingConfiguration())
        #expect(defaults.bytes < 200 << 20, "\(defaults.bytes)")
        var longer = TrainingConfiguration()
        longer.frames = 20_000_000
        let estimate = MemoryEstimate(longer)
        #expect(estimate.largest.options == "--frames")
        #expect(estimate.bytes - defaults.bytes == (20_000_000 - 20000) * 140)
    }

    @Test func theUpdateBuffersAreNamedWhenTheyDominate() {
        var configuration = TrainingConfiguration()
        configuration.batchSize = 65536
        configuration.memorySize = 65536
        configuration.hidden = 4096
        let estimate = MemoryEstimate(configuration)
        #expect(estimate.largest.options == "--batch-size and --hidden")
        #expect(estimate.bytes > 12 << 30)
    }

    /// Options past every limit (as a configuration built in code may have) saturate instead of trapping.
    @Test func absurdOptionsSaturate() {
        var configuration = TrainingConfiguration()
        configuration.frames = .max
        configuration.hidden = .max / 2
        configuration.batchSize = .max
        configuration.memorySize = .max
        #expect(MemoryEstimate(configuration).bytes == .max)
    }
}
