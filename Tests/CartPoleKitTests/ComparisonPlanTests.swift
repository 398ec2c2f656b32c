import Agent
import CartPoleKit
import Foundation
import OutputFiles
import TestSupport
import Testing

/// `--vary` sets settings through their descriptions: no option words are parsed again.
@Suite struct ComparisonPlanTests {
    let folder = URL(fileURLWithPath: "/tmp/plan")

    @Test func everyCombinationRunsWithEverySeed() throws {
        var base = TrainingConfiguration()
        base.frames = 500
        let plan = try ComparisonPlan(
            given: base.settingValues, vary: ["n-step=1,3", "lr=1e-3,0.01"], seeds: 2, folder: folder)
        #expect(plan.variants == ["n-step=1,lr=1e-3", "n-step=1,lr=0.01", "n-step=3,lr=1e-3", "n-step=3,lr=0.01"])
        #expect(plan.runs.count == 8)
        let last = try #require(plan.runs.last)
        #expect(last.configuration.nStep == 3 && last.configuration.learningRate == 0.01 && last.seed == 2)
        #expect(last.configuration.frames == 500, "the rest is the base")
        #expect(last.folder.path == "/tmp/plan/runs/n-step=3,lr=0.01/seed-2")
        #expect(last.settings["lr"] == "0.01" && last.settings["seed"] == "2")
    }

    /// `preset=...` varies the chapter each variant trains as; the settings given for every run are written
    /// over each preset's, and other varied settings over both.
    @Test func presetsAreVariedAsChapters() throws {
        let plan = try ComparisonPlan(
            given: ["frames": "3000"], vary: ["preset=dqn,double,n-step", "lr=1e-3,0.01"], seeds: 1, folder: folder)
        #expect(plan.variants.first == "preset=dqn,lr=1e-3" && plan.variants.count == 6)
        let runs = Array(plan.runs)
        for (run, (memory, nStep, double)) in zip(
            runs.filter { $0.settings["lr"] == "0.01" },
            [
                ("10000", "1", "false"), ("10000", "1", "true"), ("2000", "3", "false"),
            ])
        {
            #expect(run.settings["memory-size"] == memory && run.settings["n-step"] == nStep, "\(run.variant)")
            #expect(run.settings["double"] == double && run.settings["frames"] == "3000", "\(run.variant)")
        }
        let one = try ComparisonPlan(
            given: ["memory-size": "500"], preset: TrainingPreset.named("double"), vary: [], seeds: 1, folder: folder)
        #expect(one.runs[0].configuration.double && one.runs[0].configuration.memorySize == 500)
        for (vary, message) in [
            ("preset=dqn,dqn", "vary preset=dqn,dqn: a preset is given twice; give each once"),
            (
                "preset=ddpg",
                "vary preset=ddpg: preset 'ddpg' is not one of \(TrainingPreset.all.map(\.name).joined(separator: ", "))"
            ),
        ] {
            #expect(throws: AgentError.self) {
                _ = try ComparisonPlan(given: [:], vary: [vary], seeds: 1, folder: folder)
            }
            do { _ = try ComparisonPlan(given: [:], vary: [vary], seeds: 1, folder: folder) } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test func badVariationsAreRefusedNamingTheSetting() {
        let cases: [(String, String)] = [
            ("lr=0.001,1e-3", "vary lr=0.001,1e-3: 0.001 and 1e-3 are the same value; give each once"),
            ("seed=1,2", "vary cannot vary the seed; runs use seeds 1 to seeds"),
            ("frame=1,2", "vary frame=1,2: unknown training setting 'frame'"),
            ("gamma=0.9,2", "vary gamma=0.9,2: gamma must be in (0, 1] (got 2.0)"),
            ("n-step", "vary takes NAME=V1,V2,... (got 'n-step')"),
            ("batch-size=4000", "vary batch-size=4000: batch-size (4000) must not exceed memory-size (2000)"),
        ]
        for (vary, message) in cases {
            do {
                _ = try ComparisonPlan(given: [:], vary: [vary], seeds: 1, folder: folder)
                Issue.record("--vary \(vary) was accepted")
            } catch {
                #expect(error.description.hasPrefix(message), "\(error.description)")
            }
        }
        #expect(throws: AgentError.self) {
            try ComparisonPlan(given: [:], vary: ["n-step=1", "n-step=3"], seeds: 1, folder: folder)
        }
    }
}

/// plan.json: what a compare folder keeps, and what a crafted one cannot make it do.
@Suite struct StoredPlanTests {
    /// `plan.json` with `text` as the content, committed as a compare's output.
    func compareFolder(
        holding text: String?, plan: ComparisonPlan? = nil, at url: URL? = nil
    ) throws -> URL {
        let url = try url ?? Fixtures.temporaryDirectory("stored-plan")
        let folder = try RunFolder(url, command: "compare", outputs: [ComparisonPlan.fileName], holder: "test")
        if let plan { try plan.save(in: folder) }
        if let text {
            try Data(text.utf8).write(to: folder.staging.appendingPathComponent(ComparisonPlan.fileName))
        }
        try folder.commit(version: "0", arguments: [], settings: [:], state: .complete)
        return url
    }

    @Test func aSavedPlanReadsBackAsTheSameRuns() throws {
        var base = TrainingConfiguration()
        base.frames = 700
        let url = try Fixtures.temporaryDirectory("plan-folder")
        let planned = try ComparisonPlan(
            given: base.settingValues, vary: ["n-step=1,3", "gamma=0.9,0.99"], seeds: 3, folder: url)
        let folder = try compareFolder(holding: nil, plan: planned, at: url)
        let stored = try #require(try ComparisonPlan.stored(in: folder))
        #expect(stored.variants == planned.variants && stored.seeds == 3)
        #expect(stored.runs.map(\.configuration) == planned.runs.map(\.configuration))
        #expect(stored.runs.map(\.folder.lastPathComponent) == planned.runs.map(\.folder.lastPathComponent))
        #expect(stored.runs[4].folder.path == folder.appendingPathComponent("runs/n-step=1,gamma=0.99/seed-2").path)
        let text = try String(contentsOf: folder.appendingPathComponent("plan.json"), encoding: .utf8)
        #expect(text.components(separatedBy: "\"frames\"").count == 5, "each variant's settings once, not each run's")
    }

    @Test func aCraftedPlanIsRefusedInOneLine() throws {
        let settings = #""settings":{"frames":"500"}"#
        let cases: [(String, String)] = [
            (#"{"seeds":2,"variants":[{"label":"x","folder":"../../etc",\#(settings)}]}"#, "outside"),
            (#"{"seeds":2,"variants":[{"label":"x","folder":"/tmp",\#(settings)}]}"#, "outside"),
            (#"{"seeds":2,"variants":[{"label":"x","folder":"runs/x","settings":{"seed":"4"}}]}"#, "names a seed"),
            (#"{"seeds":2,"variants":[{"label":"x","folder":"runs/x","settings":{"gamma":"7"}}]}"#, "gamma must be"),
            (#"{"seeds":2,"variants":[{"label":"x","folder":"runs/x","settings":{"rm -rf":"1"}}]}"#, "unknown"),
            (#"{"seeds":99999999,"variants":[]}"#, "seeds"),
            ("[1,2", "cannot be read"),
        ]
        for (text, problem) in cases {
            let folder = try compareFolder(holding: text)
            do {
                _ = try ComparisonPlan.stored(in: folder)
                Issue.record("accepted: \(text)")
            } catch {
                let message = "\(error)"
                #expect(message.contains(problem) && !message.contains("\n"), "\(message)")
            }
        }
    }
}

@Suite struct ArrayIndicesTests {
    @Test func indicesAreWrittenAsSlurmsArraySyntax() {
        #expect(ArrayIndices.syntax([3, 17, 40, 41, 42]) == "3,17,40-42")
        #expect(ArrayIndices.syntax([5, 1, 2, 3, 2]) == "1-3,5")
        #expect(ArrayIndices.syntax([]) == "")
        #expect(ArrayIndices.syntax([0]) == "0")
    }

    /// `compare --from DIR/runs` tabulates DIR when DIR holds a plan; any other folder is itself.
    @Test func aComparisonsRunsFolderNamesTheComparison() throws {
        let folder = try Fixtures.temporaryDirectory("runs-folder")
        let runs = folder.appendingPathComponent(RunFolder.comparisonRuns).path
        #expect(ComparisonPlan.comparisonFolder(named: runs) == runs, "no plan: the folder itself")
        try Data("{}".utf8).write(to: folder.appendingPathComponent(ComparisonPlan.fileName))
        #expect(ComparisonPlan.comparisonFolder(named: runs) == folder.path)
        #expect(ComparisonPlan.comparisonFolder(named: folder.path) == folder.path)
    }
}
