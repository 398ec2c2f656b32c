import Agent
import Foundation
import TestSupport
import Testing

@Suite struct CartPoleFixtureTests {
    @Test func everyFixtureTrajectoryMatchesGymnasium() throws {
        let cases = try Fixtures.json("cartpole.json")["cases"].array
        #expect(!cases.isEmpty)
        var stepsChecked = 0
        for item in cases {
            let name = try item["name"].string
            let id = try EnvironmentID(validating: item["env"].string)
            let integrator = try #require(CartPole.Integrator(rawValue: item["kinematics_integrator"].string))
            let initial = try item["initial_state"].doubles
            var env = CartPole(id: id, integrator: integrator)
            env.reset(to: CartPoleState(x: initial[0], xDot: initial[1], theta: initial[2], thetaDot: initial[3]))
            let actions = try item["actions"].ints
            let steps = try item["steps"].array
            try #require(actions.count == steps.count, "\(name): one step per action")
            for (t, (action, expected)) in zip(actions, steps).enumerated() {
                let result = env.step(action)
                let state = try expected["state"].doubles
                let got = [env.state.x, env.state.xDot, env.state.theta, env.state.thetaDot]
                for j in 0..<4 {
                    #expect(abs(got[j] - state[j]) <= 1e-12 * max(1, abs(state[j])), "\(name) step \(t) state[\(j)]")
                }
                #expect(
                    result.observation == Observation(try expected["observation"].floats),
                    "\(name) step \(t) observation")
                #expect(result.reward == (try expected["reward"].float))
                #expect(result.terminated == (try expected["terminated"].bool), "\(name) step \(t) terminated")
                #expect(result.truncated == (try expected["truncated"].bool), "\(name) step \(t) truncated")
                stepsChecked += 1
            }
        }
        #expect(stepsChecked >= cases.count)
    }

    @Test func resetDrawsFromTheGymnasiumRange() {
        var generator = NumpyPCG64(seed: 1)
        var env = CartPole(id: .v1)
        for _ in 0..<200 {
            let observation = env.reset(using: &generator)
            for j in 0..<4 { #expect(observation[j] >= -0.05 && observation[j] < 0.05) }
            #expect(env.elapsedSteps == 0)
        }
    }

    /// `env.reset(seed=s)` and the two `env.reset()` after it, as Gymnasium drew them (resets.json): the
    /// float64 states exactly, the float32 observations exactly, for every seed the file holds (0 to 2^64 - 1).
    @Test func resetsAreGymnasiumsForEverySeed() throws {
        let cases = try Fixtures.json("resets.json")["cases"].array
        #expect(cases.count >= 10)
        for item in cases {
            let seedText = try item["seed"].string
            let seed = try #require(UInt64(seedText), "seed \(seedText)")
            var env = CartPole(id: try EnvironmentID(validating: try item["env"].string))
            var generator = NumpyPCG64(seed: seed)
            for (k, expected) in try item["resets"].array.enumerated() {
                let observation = env.reset(using: &generator)
                let state = try expected["state"].array.map { try $0.double }
                #expect(
                    [env.state.x, env.state.xDot, env.state.theta, env.state.thetaDot] == state,
                    "seed \(seedText) reset \(k)")
                let floats = try expected["observation"].array.map { Float(try $0.double) }
                #expect((0..<4).map { observation[$0] } == floats, "seed \(seedText) reset \(k) observation")
            }
        }
    }

    @Test func timeLimitsAreThoseOfV0AndV1() {
        #expect(EnvironmentID.v0.maxEpisodeSteps == 200)
        #expect(EnvironmentID.v1.maxEpisodeSteps == 500)
        #expect(throws: AgentError.self) { try EnvironmentID(validating: "CartPole-v9") }
    }
}
