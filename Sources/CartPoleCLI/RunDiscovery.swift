import Agent
import Foundation

/// The runs in a folder given to `compare --from FOLDER --label NAME`, all of one variant: every folder
/// below it (three levels at most) that holds an eval.csv, and every `*monitor.csv` (Stable-Baselines3's
/// episode log, whose training returns per `window` frames stand in for evaluations, with a note).
enum RunDiscovery {
    static func runs(in folder: URL, label: String, window: Int) throws -> [RunComparison.Run] {
        var evalFiles: [URL] = [], monitors: [URL] = []
        func walk(_ url: URL, depth: Int) {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
            for name in names where !name.hasPrefix(".") {
                let child = url.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: child.path, isDirectory: &isDirectory) else { continue }
                if isDirectory.boolValue {
                    if depth < 3 { walk(child, depth: depth + 1) }
                } else if name == "eval.csv" {
                    evalFiles.append(child)
                } else if name.hasSuffix("monitor.csv") {
                    monitors.append(child)
                }
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw RunDiscoveryError(description: "--from \(folder.relativePath) is not a folder")
        }
        walk(folder, depth: 0)
        var runs: [RunComparison.Run] = []
        for url in evalFiles {
            runs.append(RunComparison.Run(variant: label, seed: UInt64(runs.count + 1), points: try EvaluationCSV.readTraining(from: url)))
        }
        for url in monitors {
            let (metrics, _) = try EpisodeLog.read(from: url)
            runs.append(RunComparison.Run(variant: label, seed: UInt64(runs.count + 1), points: EvaluationCSV.windows(of: metrics, every: window)))
        }
        if !monitors.isEmpty {
            Console.message("note: \(label): \(monitors.count) Stable-Baselines3 monitor log(s) have no evaluations; their training "
                + "returns, averaged per \(window) frames, stand in for them")
        }
        guard !runs.isEmpty else {
            throw RunDiscoveryError(description: "--from \(folder.relativePath) holds no run (no eval.csv, no monitor.csv)")
        }
        return runs
    }
}

struct RunDiscoveryError: Error, CustomStringConvertible { let description: String }
