@testable import Agent
import Testing

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
}
