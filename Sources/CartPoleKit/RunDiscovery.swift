import Agent
import FileFormats
import Foundation
import OutputFiles

/// The runs in a folder given to `compare --from FOLDER --label NAME`, all of one variant: every folder
/// below it (three levels at most) whose manifest says a training completed there and wrote its eval.csv
/// (others are passed over and named), and every episode log of another tool: a
/// `*monitor.csv` (Stable-Baselines3's), a TensorBoard event file (`events.out.tfevents.*`, but the one
/// beside a metrics.csv of ours, whose run is its eval.csv) and, when `returnColumn` is given, any other
/// CSV file, read as a CSV of episode returns.
///
/// One training is one run: a folder with one monitor.csv and one event file, in it or in a folder directly
/// inside it (as Stable-Baselines3 writes `Monitor(env, DIR)` and `tensorboard_log=DIR`), is one training,
/// read from the event file's evaluations (`eval/mean_reward`) where it has them, else from the monitor.
/// Evaluations are taken as they are; a log's training returns per `window` frames stand in for them, with
/// a note.
package enum RunDiscovery {
    /// A run found, with the environment it names (nil when nothing says).
    package struct Found: Sendable {
        package var run: RunComparison.Run
        package var environment: EnvironmentID?
    }

    package static func runs(
        in folder: URL, label: String, window: Int, returnColumn: String? = nil,
        note: (String) -> Void
    ) throws -> [Found] {
        guard FolderListing.isFolder(folder.path) else {
            throw RunDiscoveryError(folder: folder.relativePath, problem: "is not a folder")
        }
        var found: [Found] = []
        func add(_ points: [EvaluationPoint], _ environment: EnvironmentID?) {
            found.append(
                Found(
                    run: RunComparison.Run(variant: label, seed: UInt64(found.count + 1), points: points),
                    environment: environment))
        }
        var passed: [String] = []
        for url in FolderListing.files(below: folder, depth: 3, where: { $0 == "eval.csv" }) {
            guard case .listed(let manifest)? = try? RunManifest.standing(of: url),
                ["train", "run"].contains(manifest.command),
                manifest.state == .complete
            else {
                passed.append(url.deletingLastPathComponent().relativePath)
                continue
            }
            add(try TrainingEvaluationCSV.read(from: url), manifest.settings["env"].flatMap(EnvironmentID.init))
        }
        if !passed.isEmpty {
            note(
                "note: \(label): passed over \(passed.count) folder(s) that are not a complete training's run "
                    + "(no manifest.json, interrupted, or changed since): \(passed.prefix(5).joined(separator: ", "))\(passed.count > 5 ? ", ..." : "")"
            )
        }
        let logs = FolderListing.files(below: folder, depth: 3) { name in
            isMonitor(name) || EpisodeLog.isEventFile(name)
                || (returnColumn != nil && name.hasSuffix(".csv")
                    && !["eval.csv", "metrics.csv", "compare.csv"].contains(name))
        }.filter { url in
            !EpisodeLog.isEventFile(url.lastPathComponent)
                || !FileManager.default.fileExists(
                    atPath: url.deletingLastPathComponent().appendingPathComponent("metrics.csv").path)
        }
        let trainings = monitorsOfEventFiles(logs)
        let paired = Set(trainings.values.map(\.path))
        var windowed = 0
        func read(_ url: URL, note: (String) -> Void) throws -> EpisodeLog.Contents {
            try EpisodeLog.read(from: url, returnColumn: returnColumn, folders: 4, root: folder, note: note)
        }
        for url in logs where !paired.contains(url.path) {
            var heard: [String] = []
            var log = try read(url, note: { heard.append($0) })
            if let monitor = trainings[url.path] {
                // One training: its event file's evaluations, else its monitor's episodes (the event file's
                // returns are then a moving mean of them, or another tag's values).
                let pair = "\(monitor.relativePath) and \(url.relativePath) are one training"
                if log.tag == ScalarTag.evaluationMean {
                    heard.append("note: \(label): \(pair); its \(ScalarTag.evaluationMean) is read")
                    log.environment = try log.environment ?? read(monitor, note: { _ in }).environment
                } else {
                    heard = [
                        "note: \(label): \(pair); its monitor.csv is read (the event file has no \(ScalarTag.evaluationMean))"
                    ]
                    let environment = log.environment
                    log = try read(monitor, note: { heard.append($0) })
                    log.environment = log.environment ?? environment
                }
            }
            heard.forEach(note)
            if log.tag == ScalarTag.evaluationMean {
                add(evaluations(log.metrics), log.environment)
            } else {
                add(log.metrics.evaluationWindows(every: window), log.environment)
                windowed += 1
            }
        }
        if windowed > 0 {
            note(
                "note: \(label): \(windowed) episode log(s) of another tool have no evaluations; their training "
                    + "returns, averaged per \(window) frames, stand in for them")
        }
        guard !found.isEmpty else {
            throw RunDiscoveryError(
                folder: folder.relativePath, problem: "holds no run (no eval.csv, no monitor.csv, no event file)")
        }
        return found
    }

    /// Stable-Baselines3's monitor file: `monitor.csv`, or `NAME.monitor.csv` (`make_vec_env` names them by rank).
    static func isMonitor(_ name: String) -> Bool { name.hasSuffix("monitor.csv") }

    /// The monitor.csv of each event file that is the same training's, by path: a folder that holds one
    /// monitor.csv and one event file, in it or in a folder directly inside it.
    static func monitorsOfEventFiles(_ logs: [URL]) -> [String: URL] {
        let monitors = Dictionary(grouping: logs.filter { isMonitor($0.lastPathComponent) }) {
            $0.deletingLastPathComponent().standardizedFileURL.path
        }
        let events = logs.filter { EpisodeLog.isEventFile($0.lastPathComponent) }
        var pairs: [String: URL] = [:]
        for (folder, inFolder) in monitors where inFolder.count == 1 {
            let inside = events.filter { url in
                let parent = url.deletingLastPathComponent().standardizedFileURL
                return parent.path == folder || parent.deletingLastPathComponent().path == folder
            }
            if inside.count == 1 { pairs[inside[0].path] = inFolder[0] }
        }
        return pairs
    }

    /// An event file's evaluation means as evaluations, one at each step in order (the last value logged at a step).
    static func evaluations(_ metrics: TrainingMetrics) -> [EvaluationPoint] {
        let byStep = Dictionary(metrics.rows.compactMap { row in row.score.map { (row.frame, $0) } }) { $1 }
        return byStep.sorted { $0.key < $1.key }.map {
            EvaluationPoint(frame: $0.key, returns: [$0.value], lengths: [0])
        }
    }
}
