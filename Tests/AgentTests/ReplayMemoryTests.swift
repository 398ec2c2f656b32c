import Agent
import Testing

@Suite struct ReplayMemoryTests {
    func transition(_ k: Int, steps: Int = 1) -> Transition {
        Transition(
            observation: Observation(repeating: Float(k)), action: k % 2, reward: Float(k),
            nextObservation: Observation(repeating: Float(k) + 0.5), masksBootstrap: k % 5 == 0, steps: steps)
    }

    @Test func theRingOverwritesTheOldest() {
        var memory = ReplayMemory(capacity: 3, gamma: 0.9)
        for k in 1...5 { memory.store(transition(k)) }
        #expect(memory.count == 3)
        #expect(memory.transition(at: 0) == transition(4))
        #expect(memory.transition(at: 1) == transition(5))
        #expect(memory.transition(at: 2) == transition(3))
    }

    @Test func samplingIsWithoutReplacementAndCoversTheMemory() {
        var memory = ReplayMemory(capacity: 50, gamma: 0.9)
        for k in 1...40 { memory.store(transition(k)) }
        var generator = SplitMix64(seed: 3)
        var seen = Set<Int>()
        for _ in 0..<200 {
            let indices = memory.sampleIndices(32, using: &generator)
            #expect(Set(indices).count == 32)
            #expect(indices.allSatisfy { $0 < 40 })
            seen.formUnion(indices)
        }
        #expect(seen.count == 40)
    }

    @Test func gatheredBatchesCarryDiscountAndMask() {
        var memory = ReplayMemory(capacity: 10, gamma: 0.5)
        memory.store(transition(5, steps: 3))
        memory.store(transition(6, steps: 1))
        var batch = DQNBatch()
        memory.gather([1, 0], into: &batch)
        #expect(batch.rows == 2)
        #expect(batch.actions == [0, 1])
        #expect(batch.rewards == [6, 5])
        #expect(batch.discounts == [0.5, 0.125])
        #expect(batch.masks == [0, 1])
        #expect(Array(batch.observations[4..<8]) == [5, 5, 5, 5])
        #expect(Array(batch.nextObservations[0..<4]) == [6.5, 6.5, 6.5, 6.5])
    }

    /// Large batches take the set-based path; it must draw exactly what the linear search draws.
    @Test(arguments: [65, 1000, 20000])
    func largeBatchesDrawTheSameIndicesAsTheLinearSearch(_ size: Int) {
        var memory = ReplayMemory(capacity: 20000, gamma: 0.9)
        for k in 0..<20000 { memory.store(transition(k)) }
        var generator = SplitMix64(seed: 31)
        var reference = SplitMix64(seed: 31)
        let drawn = memory.sampleIndices(size, using: &generator)
        // Rejection sampling as the notebook's np.random.choice(replace=False) is specified: redraw taken indices.
        var expected: [Int] = []
        var taken = [Bool](repeating: false, count: 20000)
        while expected.count < size {
            let index = reference.nextIndex(below: 20000)
            if !taken[index] {
                taken[index] = true
                expected.append(index)
            }
        }
        #expect(drawn == expected)
        #expect(generator.state == reference.state, "the same number of draws")
    }
}
