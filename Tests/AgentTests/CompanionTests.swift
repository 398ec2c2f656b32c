import Foundation
import Synchronization
import Testing

@testable import Agent

/// The companion thread: every job runs once and is done when `wait` returns, whether the thread was
/// spinning or asleep when it came; a training with it gives the bytes a training without it gives.
@Suite struct CompanionTests {
    @Test func everyJobRunsOnceAndIsDoneWhenWaitReturns() {
        let companion = Companion()
        let count = Atomic<Int>(0)
        for job in 1...300 {
            // Now and then the thread has gone to sleep by the time the job comes.
            if job % 50 == 0 { usleep(5_000) }
            let seen = companion.both(
                { count.add(1, ordering: .relaxed) },
                meanwhile: {
                    if job % 7 == 0 { usleep(100) }
                    if job % 3 == 0 {
                        // `meanwhile` may wait for the companion's job before it goes on.
                        companion.wait()
                        return count.load(ordering: .relaxed)
                    }
                    return job
                })
            #expect(seen == job && count.load(ordering: .relaxed) == job)
        }
        usleep(5_000)
        companion.close()
        // A companion closed while it spins, right after a job.
        let busy = Companion()
        busy.both({}, meanwhile: {})
        busy.close()
    }

    @Test(arguments: [
        (double: true, distribution: "", nStep: 1), (double: false, distribution: "categorical", nStep: 1),
        (double: true, distribution: "categorical", nStep: 3), (double: true, distribution: "iqn", nStep: 3),
    ])
    func aSecondThreadChangesNoByte(double: Bool, distribution: String, nStep: Int) throws {
        var configuration = TrainingConfiguration()
        configuration.frames = 500
        configuration.hidden = 24
        configuration.double = double
        configuration.categorical = distribution == "categorical"
        if configuration.categorical { configuration.atoms = 11 }
        configuration.iqn = distribution == "iqn"
        if configuration.iqn {
            (configuration.tauSamples, configuration.tauPrimeSamples, configuration.quantileSamples) = (4, 3, 5)
            configuration.batchSize = 8
        }
        configuration.nStep = nStep
        // Chapter 08's and 09's: every component.
        let all = double && !distribution.isEmpty
        (configuration.noisy, configuration.dueling, configuration.prioritized) = (all, all, all)
        func train(threads: Int) throws -> (parameters: [Float], losses: [Float?]) {
            let agent = try DQNAgent(configuration: configuration, threads: threads)
            while !agent.isFinished { agent.step() }
            return (agent.online.parameters, agent.metrics.rows.map(\.loss))
        }
        let (one, two) = (try train(threads: 1), try train(threads: 2))
        #expect(one.losses.compactMap { $0 }.count > 400)
        #expect(one.parameters == two.parameters, "the weights differ with a second thread")
        #expect(one.losses == two.losses, "the losses differ with a second thread")
    }
}
