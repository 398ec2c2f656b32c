import Testing

@testable import Agent

@Suite struct TargetCacheTests {
    @Test(arguments: [1, 3])
    func cachedTargetValuesStayThoseOfTheTargetNetwork(nStep: Int) throws {
        var configuration = TrainingConfiguration()
        configuration.hidden = 16
        configuration.memorySize = 200
        configuration.batchSize = 16
        configuration.targetUpdate = 25
        configuration.nStep = nStep
        configuration.frames = 600
        let agent = try DQNAgent(configuration: configuration)
        var checks = 0
        while !agent.isFinished {
            agent.step()
            // Across target copies and slots overwritten as the ring wraps around.
            if agent.frame % 37 == 0 && agent.updates > 0 {
                #expect(agent.targetCacheError() < 1e-5, "frame \(agent.frame)")
                // Right after a copy nothing is cached yet; otherwise the slots drawn since are.
                #expect(agent.cachedTargetSlots > 0 || agent.updates % configuration.targetUpdate == 0)
                checks += 1
            }
        }
        #expect(checks > 10)
    }

    /// N-step values shared with the 1-step values of the slots where their sums end give the same training,
    /// bit for bit, as n-step values computed on their own: across target copies, episodes that end inside a
    /// window (shorter sums) and the ring wrapping around.
    @Test(arguments: [TimeLimit.terminal, .bootstrap])
    func sharingNStepValuesChangesNothing(timeLimit: TimeLimit) throws {
        var configuration = TrainingConfiguration()
        configuration.hidden = 16
        configuration.memorySize = 150
        configuration.batchSize = 16
        configuration.targetUpdate = 20
        configuration.frames = 700
        configuration.timeLimit = timeLimit
        let shared = try DQNAgent(configuration: configuration, kernels: nil, sharesTargetValues: true)
        let alone = try DQNAgent(configuration: configuration, kernels: nil, sharesTargetValues: false)
        var sharedSlots = 0
        while !shared.isFinished {
            shared.step()
            alone.step()
            sharedSlots = max(sharedSlots, shared.sharedTargetSlots)
        }
        #expect(shared.episodes > 10, "episodes end inside windows")
        #expect(sharedSlots > configuration.memorySize / 2, "most n-step values are shared")
        #expect(alone.sharedTargetSlots == 0)
        let sameParameters = shared.online.parameters == alone.online.parameters
        let sameMetrics = shared.metrics == alone.metrics
        #expect(sameParameters, "the networks differ")
        #expect(sameMetrics, "the losses differ")
    }
}
