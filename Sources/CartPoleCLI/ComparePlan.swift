import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

/// The runs of a comparison: every combination of the `--vary` values, each trained with seeds 1 to S and
/// otherwise the same options, each into its own folder `DIR/runs/VARIANT/seed-S`.
struct ComparePlan {
    struct Task {
        let variant: String
        let seed: UInt64
        let options: TrainingOptions
        let folder: URL
        /// `options.arguments`, made once per variant and given the seed, since a plan may hold many runs.
        let arguments: [String]

        /// The options by name, as the run's manifest records them.
        var optionValues: [String: String] { CartPoleCLI.optionValues(arguments) }

        /// The run as the library trains and finds it.
        var comparisonRun: ComparisonRun {
            // The options were validated when the plan was made.
            ComparisonRun(
                variant: variant, seed: seed, folder: folder, configuration: try! options.configuration,
                evalEvery: options.evalEvery, evalEpisodes: options.evalEpisodes,
                checkpointEvery: options.checkpointEvery ?? 0,
                settings: optionValues)
        }
    }

    let variants: [String]
    let tasks: [Task]

    /// The plan as the compare folder keeps it, so that `compare --from DIR` and a resumed compare know
    /// which runs make the comparison and with which options.
    static let fileName = "plan.json"

    private struct Stored: Codable {
        struct Task: Codable {
            var variant: String
            var seed: UInt64
            /// Relative to the compare folder.
            var folder: String
            var arguments: [String]
        }
        var variants: [String]
        var tasks: [Task]
    }

    /// - Parameter vary: `NAME=V1,V2,...` for any training option but the seed.
    init(base: TrainingOptions, vary: [String], seeds: Int, folder: URL) throws {
        var combinations: [[(name: String, value: String)]] = [[]]
        var varied: Set<String> = []
        for item in vary {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw ValidationError("--vary takes NAME=V1,V2,... (got '\(item)')")
            }
            let name = parts[0]
            let values = parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard name != "seed" else {
                throw ValidationError("--vary cannot vary the seed; runs use seeds 1 to --seeds")
            }
            guard TrainingOptions.optionNames.contains(name) else {
                throw ValidationError(
                    "--vary: unknown training option '\(name)'; one of \(TrainingOptions.optionNames.filter { $0 != "seed" }.joined(separator: ", "))"
                )
            }
            guard varied.insert(name).inserted else {
                throw ValidationError(
                    "--vary \(name) is given twice; list all its values in one --vary \(name)=V1,V2,...")
            }
            guard !values.contains("") else { throw ValidationError("--vary \(item): a value is empty") }
            // Values that parse to the same setting (0.001 and 1e-3) would train the same variant twice.
            var seen: [String: String] = [:]
            for value in values {
                let canonical: String
                do { canonical = try base.setting(name, to: value).optionValues[name] ?? value } catch let error
                    as ValidationError
                {
                    throw ValidationError("--vary \(name)=\(value): \(error.message)")
                }
                if let earlier = seen[canonical] {
                    throw ValidationError("--vary \(name): \(earlier) and \(value) are the same value; give each once")
                }
                seen[canonical] = value
            }
            combinations = combinations.flatMap { earlier in values.map { earlier + [(name, $0)] } }
        }
        var variants: [String] = []
        var tasks: [Task] = []
        for combination in combinations {
            let label =
                combination.isEmpty ? "default" : combination.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
            var options = base
            for (name, value) in combination {
                do { options = try options.setting(name, to: value) } catch let error as ValidationError {
                    throw ValidationError("--vary \(name)=\(value): \(error.message)")
                }
            }
            variants.append(label)
            let variantFolder = folder.appendingPathComponent("runs").appendingPathComponent(
                label.replacingOccurrences(of: "/", with: "_"))
            let words = options.arguments
            let seedSlot = words.firstIndex(of: "--seed")! + 1
            for seed in 1...UInt64(seeds) {
                var run = options
                var runWords = words
                run.seed = seed
                runWords[seedSlot] = "\(seed)"
                tasks.append(
                    Task(
                        variant: label, seed: seed, options: run,
                        folder: variantFolder.appendingPathComponent("seed-\(seed)"),
                        arguments: runWords))
            }
        }
        self.variants = variants
        self.tasks = tasks
    }

    private init(variants: [String], tasks: [Task]) {
        self.variants = variants
        self.tasks = tasks
    }

    /// plan.json, with every task's folder relative to `folder`.
    private func encoded(relativeTo folder: URL) throws -> Data {
        let base = folder.standardizedFileURL.path + "/"
        let stored = Stored(
            variants: variants,
            tasks: tasks.map { task in
                let path = task.folder.standardizedFileURL.path
                return Stored.Task(
                    variant: task.variant, seed: task.seed,
                    folder: path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path,
                    arguments: task.arguments)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(stored)
    }

    /// Writes plan.json into the compare folder's staging, its runs' folders relative to the folder.
    func save(in folder: RunFolder) throws {
        try AtomicFile.write(encoded(relativeTo: folder.url), to: folder.staging.appendingPathComponent(Self.fileName))
    }

    /// The plan kept in `folder` by an earlier compare or --emit-tasks, or nil when it has none; a plan that
    /// its folder's manifest does not list, or that changed since, is refused.
    static func stored(in folder: URL) throws -> ComparePlan? {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard case .listed = try RunManifest.standing(of: url) else {
            throw ValidationError(
                "\(url.relativePath) is not part of the compare in \(folder.relativePath) (its manifest.json does not list it)"
            )
        }
        let stored: Stored
        do { stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: url)) } catch {
            throw ValidationError("\(url.relativePath) cannot be read: \(error.localizedDescription)")
        }
        // Runs that differ only in their seed are parsed once: a plan may hold many thousands.
        var parsed: [[String]: TrainingOptions] = [:]
        let tasks = try stored.tasks.map { task in
            guard !task.folder.hasPrefix("/"), !task.folder.split(separator: "/").contains("..") else {
                throw ValidationError(
                    "\(url.relativePath) names a run folder outside \(MessageText.shown(folder.relativePath)): \(MessageText.shown(task.folder))"
                )
            }
            var key = task.arguments
            if let slot = key.firstIndex(of: "--seed").map({ $0 + 1 }), slot < key.count { key[slot] = "" }
            var options: TrainingOptions
            if let known = parsed[key] {
                options = known
            } else {
                do { options = try TrainingOptions.parse(task.arguments) } catch {
                    throw ValidationError("\(url.relativePath): \(TrainingOptions.message(for: error))")
                }
                parsed[key] = options
            }
            options.seed = task.seed
            let arguments = options.arguments
            guard arguments == task.arguments || (try? TrainingOptions.parse(task.arguments).arguments) == arguments
            else {
                throw ValidationError(
                    "\(url.relativePath): the run in \(MessageText.shown(task.folder)) has a seed that disagrees with its options"
                )
            }
            return Task(
                variant: task.variant, seed: task.seed, options: options,
                folder: folder.appendingPathComponent(task.folder),
                arguments: arguments)
        }
        return ComparePlan(variants: stored.variants, tasks: tasks)
    }

    /// The same runs with the same options, wherever their folders are.
    func sameRuns(as other: ComparePlan) -> Bool {
        variants == other.variants && tasks.count == other.tasks.count
            && zip(tasks, other.tasks).allSatisfy {
                $0.variant == $1.variant && $0.seed == $1.seed && $0.arguments == $1.arguments
            }
    }

    /// The shell line that trains `task` on its own: `cartpole train` with every option explicit.
    static func command(_ task: Task, executable: String) -> String {
        ([executable, "train"] + task.arguments + ["--out", task.folder.path]).map(shellQuoted).joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_=./,+:".contains($0) }
            ? word
            : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
