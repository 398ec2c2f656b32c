import ArgumentParser
import Foundation

/// The runs of a comparison: every combination of the `--vary` values, each trained with seeds 1 to S and
/// otherwise the same options, each into its own folder `DIR/runs/VARIANT/seed-S`.
struct ComparePlan {
    struct Task {
        let variant: String
        let seed: UInt64
        let options: TrainingOptions
        let folder: URL
    }

    let variants: [String]
    let tasks: [Task]

    /// - Parameter vary: `NAME=V1,V2,...` for any training option but the seed.
    init(base: TrainingOptions, vary: [String], seeds: Int, folder: URL) throws {
        var combinations: [[(name: String, value: String)]] = [[]]
        for item in vary {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else { throw ValidationError("--vary takes NAME=V1,V2,... (got '\(item)')") }
            let name = parts[0], values = parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard name != "seed" else { throw ValidationError("--vary cannot vary the seed; runs use seeds 1 to --seeds") }
            guard TrainingOptions.optionNames.contains(name) else {
                throw ValidationError("--vary: unknown training option '\(name)'; one of \(TrainingOptions.optionNames.filter { $0 != "seed" }.joined(separator: ", "))")
            }
            guard Set(values).count == values.count, !values.contains("") else {
                throw ValidationError("--vary \(item): give each value once")
            }
            combinations = combinations.flatMap { earlier in values.map { earlier + [(name, $0)] } }
        }
        var variants: [String] = [], tasks: [Task] = []
        for combination in combinations {
            let label = combination.isEmpty ? "default" : combination.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
            var options = base
            for (name, value) in combination {
                do { options = try options.setting(name, to: value) } catch let error as ValidationError {
                    throw ValidationError("--vary \(name)=\(value): \(error.message)")
                }
            }
            variants.append(label)
            for seed in 1...UInt64(seeds) {
                let folderName = label.replacingOccurrences(of: "/", with: "_")
                tasks.append(Task(variant: label, seed: seed, options: try options.setting("seed", to: "\(seed)"),
                                  folder: folder.appendingPathComponent("runs/\(folderName)/seed-\(seed)")))
            }
        }
        self.variants = variants
        self.tasks = tasks
    }

    /// The shell line that trains `task` on its own: `cartpole train` with every option explicit.
    static func command(_ task: Task, executable: String) -> String {
        ([executable, "train"] + task.options.arguments + ["--out", task.folder.path]).map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_=./,+:".contains($0) } ? word
            : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
