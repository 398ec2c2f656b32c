import Agent
import CartPoleKit
import Foundation
import OutputFiles
import TestSupport
import Testing

/// A compare folder's runs still count when a setting was added after they were trained: their manifests
/// do not record it, and they were trained at its default.
@Suite struct CompareRunnerTests {
    @Test func aRunRecordedBeforeASettingExistedIsStillFinished() throws {
        let folder = try Fixtures.temporaryDirectory("compare-runner")
        var configuration = TrainingConfiguration()
        (configuration.frames, configuration.hidden, configuration.memorySize) = (300, 8, 100)
        (configuration.evalEvery, configuration.evalEpisodes, configuration.seed) = (100, 2, 1)
        let task = ComparisonRun(
            variant: "v", folder: folder.appendingPathComponent("v/seed-1"), configuration: configuration)
        let trained = CompareRunner(jobs: 1, version: "test", arguments: []).run(
            [task], done: CompareRunner.load([task]))
        try #require(trained[0].run != nil, "\(trained[0].failure ?? "")")

        /// Rewrites the run's manifest without the setting `name`, as a build before it would have written it.
        func forget(_ name: String) throws {
            let url = task.folder.appendingPathComponent(RunManifest.fileName)
            var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            var settings = try #require(json["settings"] as? [String: Any])
            settings[name] = nil
            json["settings"] = settings
            try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]).write(to: url)
        }
        // checkpoint-every is at its default (0): a manifest without it is of a run trained at it.
        try forget("checkpoint-every")
        let loaded = CompareRunner.load([task])
        #expect(loaded[0].run != nil, "\(loaded[0].failure ?? "")")
        // eval-episodes is not (2, not 10): a manifest without it is of another run.
        try forget("eval-episodes")
        let other = CompareRunner.load([task])
        #expect(other[0].run == nil)
        #expect(other[0].failure?.description.contains("made with other options") == true)
    }
}
