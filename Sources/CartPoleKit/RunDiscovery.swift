import Agent
import Foundation
import OutputFiles

/// The runs in a folder given to `compare --from FOLDER --label NAME`, all of one variant: every folder
/// below it (three levels at most) whose manifest says a training completed there and wrote its eval.csv
/// (others are passed over and named), and every episode log of another tool: a
/// `*monitor.csv` (Stable-Baselines3's), a TensorBoard event file (`events.out.tfevents.*`, but the one
/// beside a metrics.csv of ours, whose run is its eval.csv) and, when `returnColumn` is given, any other
/// CSV file, read as a CSV of episode returns. A log's training returns per `window` frames stand in for
/// evaluations, with a note.
public enum RunDiscovery {
    public static func runs(
        in folder: URL, label: String, window: Int, returnColumn: String? = nil,
        note: (String) -> Void
    ) throws -> [RunComparison.Run] {
        guard FolderListing.isFolder(folder.path) else {
            throw RunDiscoveryError(folder: folder.relativePath, problem: "is not a folder")
        }
        var passed: [String] = []
        let evalFiles = FolderListing.files(below: folder, depth: 3) { $0 == "eval.csv" }.filter { url in
            guard case .listed(let manifest)? = try? RunManifest.standing(of: url),
                ["train", "run"].contains(manifest.command),
                manifest.state == .complete
            else {
                passed.append(url.deletingLastPathComponent().relativePath)
                return false
            }
            return true
        }
        if !passed.isEmpty {
            note(
                "note: \(label): passed over \(passed.count) folder(s) that are not a complete training's run "
                    + "(no manifest.json, interrupted, or changed since): \(passed.prefix(5).joined(separator: ", "))\(passed.count > 5 ? ", ..." : "")"
            )
        }
        let monitors = FolderListing.files(below: folder, depth: 3) { name in
            name.hasSuffix("monitor.csv") || EpisodeLog.isEventFile(name)
                || (returnColumn != nil && name.hasSuffix(".csv")
                    && !["eval.csv", "metrics.csv", "compare.csv"].contains(name))
        }.filter { url in
            !EpisodeLog.isEventFile(url.lastPathComponent)
                || !FileManager.default.fileExists(
                    atPath: url.deletingLastPathComponent().appendingPathComponent("metrics.csv").path)
        }
        var runs: [RunComparison.Run] = []
        for url in evalFiles {
            runs.append(
                RunComparison.Run(
                    variant: label, seed: UInt64(runs.count + 1), points: try TrainingEvaluationCSV.read(from: url)))
        }
        for url in monitors {
            let (metrics, _, _) = try EpisodeLog.read(from: url, returnColumn: returnColumn, note: note)
            runs.append(
                RunComparison.Run(
                    variant: label, seed: UInt64(runs.count + 1),
                    points: metrics.evaluationWindows(every: window)))
        }
        if !monitors.isEmpty {
            note(
                "note: \(label): \(monitors.count) episode log(s) of another tool have no evaluations; their training "
                    + "returns, averaged per \(window) frames, stand in for them")
        }
        guard !runs.isEmpty else {
            throw RunDiscoveryError(
                folder: folder.relativePath, problem: "holds no run (no eval.csv, no monitor.csv, no event file)")
        }
        return runs
    }
}
