import Foundation
import TestSupport
import Testing

/// `cartpole eval` as a user meets it.
@Suite struct EvalEndToEndTests {
    @Test func evalSummarisesWritesItsEpisodesAndRepeatsItself() throws {
        let folder = try Fixtures.temporaryDirectory("eval")
        let trained = try cartpole("train", "--out", folder.path, "--frames", "400", "--hidden", "8")
        #expect(trained.status == 0)
        let agent = folder.appendingPathComponent("agent.safetensors").path
        let out = folder.appendingPathComponent("eval").path
        let first = try cartpole(
            "eval", "--agent", agent, "--episodes", "30", "--epsilon", "0.2", "--seed", "5", "--out", out, "--plot")
        #expect(first.status == 0, "\(first.stderr)")
        let size = try pngSize(URL(fileURLWithPath: out + "/eval.png"))
        #expect(size == (900, 500))
        let second = try cartpole(
            "eval", "--agent", agent, "--episodes", "30", "--epsilon", "0.2", "--seed", "5", "--out", out)
        #expect(
            second.stdout.split(separator: "\n").prefix(9) == first.stdout.split(separator: "\n").prefix(9),
            "the same call prints the same numbers")

        let csv = try String(contentsOf: URL(fileURLWithPath: out + "/eval.csv"), encoding: .utf8).split(
            separator: "\n")
        #expect(csv.first == "episode,seed,return,length,ended")
        let rows = csv.dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(rows.count == 30)
        #expect(rows.map { $0[1] } == (5..<35).map(String.init), "episode i has seed S+i")
        #expect(rows.allSatisfy { ["terminated", "truncated"].contains($0[4]) && Double($0[2]) == Double($0[3]) })
        let returns = rows.map { Double($0[2])! }
        let mean = returns.reduce(0, +) / 30
        let value = String(format: "%.1f", mean)
        let meanLine = "mean      " + String(repeating: " ", count: 8 - value.count) + value + "   ["
        #expect(first.stdout.contains(meanLine), "the table's mean is that of eval.csv: \(first.stdout)")
        #expect(
            files(in: URL(fileURLWithPath: out)) == ["eval.csv", "manifest.json"],
            "the second eval replaced the first's plot")
    }

    /// Episode i of a greedy evaluation is the first episode `record --seed S+i` plays.
    @Test func anEvaluationEpisodeIsTheOneRecordShows() throws {
        let folder = try Fixtures.temporaryDirectory("eval-record")
        #expect(try cartpole("train", "--out", folder.path, "--frames", "400", "--hidden", "8").status == 0)
        let agent = folder.appendingPathComponent("agent.safetensors").path
        let evaluated = folder.appendingPathComponent("eval")
        #expect(
            try cartpole("eval", "--agent", agent, "--episodes", "5", "--seed", "40", "--out", evaluated.path).status
                == 0)
        let csv = try String(contentsOf: evaluated.appendingPathComponent("eval.csv"), encoding: .utf8).split(
            separator: "\n")
        let third = csv[3].split(separator: ",")
        #expect(third[1] == "42")
        let recorded = try cartpole(
            "record", "--agent", agent, "--seed", "42", "--episodes", "1", "--size", "64x48",
            "--out", folder.appendingPathComponent("v").path)
        #expect(
            recorded.stdout.hasPrefix("episode 0: return \(Int(Double(third[2])!)), length \(third[3]),"),
            "\(recorded.stdout)")
    }
}

/// A checkpoint saved by PyTorch, without our metadata, recorded and evaluated end to end.
@Suite struct ForeignAgentEndToEndTests {
    @Test func pytorchsCheckpointIsRecordedAndEvaluated() throws {
        let folder = try Fixtures.temporaryDirectory("foreign")
        let agent = Fixtures.directory.appendingPathComponent("pytorch_agent_bf16.safetensors").path
        let recorded = try cartpole(
            "record", "--agent", agent, "--episodes", "1", "--size", "64x48", "--out", folder.path)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        #expect(
            recorded.stderr.contains(
                "names no environment (a safetensors state dict); playing CartPole-v0 (choose with --env)"))
        #expect(recorded.stderr.contains("names no activation; ReLU assumed between its layers"))
        #expect(files(in: folder) == ["manifest.json", "rl-video-episode-0.mp4"])
        let evaluated = try cartpole(
            "eval", "--agent", agent, "--episodes", "5", "--env", "CartPole-v1", "--out",
            folder.appendingPathComponent("eval").path)
        #expect(evaluated.status == 0, "\(evaluated.stderr)")
        #expect(
            evaluated.stderr == "note: \(agent) names no activation; ReLU assumed between its layers\n",
            "an environment was given: no note of it")
        #expect(evaluated.stdout.contains("on CartPole-v1: 5 episodes"))
    }
}

/// Every trainer's agent of Tests/Fixtures/agents (Stable-Baselines3, CleanRL, plain PyTorch) recorded and
/// evaluated by the binary: the recorded episode is the evaluation's first (the same seed), and what the
/// file does not say is noted.
@Suite struct TrainersAgentsEndToEndTests {
    @Test func everyTrainersAgentIsRecordedAndEvaluated() throws {
        let folder = try Fixtures.temporaryDirectory("trainers")
        let cases = try Fixtures.json("agents/agents.json")["cases"].array
        #expect(cases.count >= 5)
        for (index, item) in cases.enumerated() {
            let file = try item["file"].string
            let agent = Fixtures.directory.appendingPathComponent("agents/\(file)").path
            let out = folder.appendingPathComponent("\(index)")
            let recorded = try cartpole(
                "record", "--agent", agent, "--episodes", "1", "--size", "64x48", "--seed", "3", "--out",
                out.appendingPathComponent("video").path)
            #expect(recorded.status == 0, "\(file): \(recorded.stderr)")
            #expect(recorded.stderr.contains("names no environment"), "\(file): \(recorded.stderr)")
            let sb3 = file.hasSuffix(".zip")
            #expect(recorded.stderr.contains("names no activation") != sb3, "SB3 names its activation: \(file)")
            #expect(files(in: out.appendingPathComponent("video")) == ["manifest.json", "rl-video-episode-0.mp4"])
            let evaluated = try cartpole(
                "eval", "--agent", agent, "--episodes", "3", "--seed", "3", "--out",
                out.appendingPathComponent("eval").path)
            #expect(evaluated.status == 0, "\(file): \(evaluated.stderr)")
            let rows = RFC4180.records(
                try String(contentsOf: out.appendingPathComponent("eval/eval.csv"), encoding: .utf8))
            #expect(rows.count == 4, "\(file): a header and three episodes")
            let first = rows[1]
            #expect(
                recorded.stdout.hasPrefix("episode 0: return \(Int(Double(first[2])!)), length \(first[3]),"),
                "\(file): \(recorded.stdout) against \(first)")
        }
    }
}
