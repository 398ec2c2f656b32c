import Agent
import Foundation
import OutputFiles

/// The runs of a comparison: every combination of the varied settings' values, each trained with seeds 1
/// to S and otherwise the base configuration, each into its own folder `DIR/runs/VARIANT/seed-S`.
public struct ComparisonPlan: Sendable {
    public let variants: [String]
    public let runs: [ComparisonRun]

    /// The plan as the compare folder keeps it, so that tabulating and resuming know which runs make the
    /// comparison and with which settings.
    public static let fileName = "plan.json"

    private struct Stored: Codable {
        struct Run: Codable {
            var variant: String
            /// Relative to the compare folder.
            var folder: String
            var settings: [String: String]
        }
        var variants: [String]
        var runs: [Run]
    }

    /// - Parameter vary: `NAME=V1,V2,...` for any training setting but the seed.
    public init(base: TrainingConfiguration, vary: [String], seeds: Int, folder: URL) throws(AgentError) {
        let s = AgentError.setting
        var combinations: [[(setting: TrainingSetting, value: String)]] = [[]]
        var varied: Set<String> = []
        for item in vary {
            func refuse(_ problem: String) -> AgentError { .invalidValue("\(s("vary")) \(item): \(problem)") }
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw .invalidValue("\(s("vary")) takes NAME=V1,V2,... (got '\(MessageText.shown(item))')")
            }
            guard parts[0] != "seed" else {
                throw .invalidValue("\(s("vary")) cannot vary the seed; runs use seeds 1 to \(s("seeds"))")
            }
            let setting: TrainingSetting
            do { setting = try TrainingConfiguration.setting(named: parts[0]) } catch { throw refuse("\(error)") }
            guard varied.insert(setting.name).inserted else {
                throw .invalidValue(
                    "\(s("vary")) \(setting.name) is given twice; list all its values in one \(s("vary")) \(setting.name)=V1,V2,..."
                )
            }
            let values = parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.contains("") else { throw refuse("a value is empty") }
            // Values that parse to the same setting (0.001 and 1e-3) would train the same variant twice.
            var seen: [String: String] = [:]
            for value in values {
                var configuration = base
                do { try setting.set(value, in: &configuration) } catch { throw refuse(error.worded(s)) }
                let canonical = setting.value(in: configuration).text
                if let earlier = seen[canonical] {
                    throw refuse("\(earlier) and \(value) are the same value; give each once")
                }
                seen[canonical] = value
            }
            combinations = combinations.flatMap { earlier in values.map { earlier + [(setting, $0)] } }
        }
        var variants: [String] = []
        var runs: [ComparisonRun] = []
        for combination in combinations {
            let label =
                combination.isEmpty
                ? "default" : combination.map { "\($0.setting.name)=\($0.value)" }.joined(separator: ",")
            var configuration = base
            for (setting, value) in combination { try setting.set(value, in: &configuration) }
            do { try configuration.validate() } catch {
                throw .invalidValue("\(s("vary")) \(label): \(error.worded(s))")
            }
            variants.append(label)
            let variantFolder = folder.appendingPathComponent("runs").appendingPathComponent(
                label.replacingOccurrences(of: "/", with: "_"))
            for seed in 1...UInt64(seeds) {
                configuration.seed = seed
                runs.append(
                    ComparisonRun(
                        variant: label, folder: variantFolder.appendingPathComponent("seed-\(seed)"),
                        configuration: configuration))
            }
        }
        self.variants = variants
        self.runs = runs
    }

    private init(variants: [String], runs: [ComparisonRun]) {
        self.variants = variants
        self.runs = runs
    }

    /// plan.json, with every run's folder relative to `folder`.
    private func encoded(relativeTo folder: URL) throws -> Data {
        let base = folder.standardizedFileURL.path + "/"
        let stored = Stored(
            variants: variants,
            runs: runs.map { run in
                let path = run.folder.standardizedFileURL.path
                return Stored.Run(
                    variant: run.variant, folder: path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path,
                    settings: run.settings)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(stored)
    }

    /// Writes plan.json into the compare folder's staging, its runs' folders relative to the folder.
    public func save(in folder: RunFolder) throws {
        try AtomicFile.write(encoded(relativeTo: folder.url), to: folder.staging.appendingPathComponent(Self.fileName))
    }

    /// The plan kept in `folder` by an earlier compare or emitted plan, or nil when it has none; a plan
    /// that its folder's manifest does not list, or that changed since, is refused.
    public static func stored(in folder: URL) throws -> ComparisonPlan? {
        let url = folder.appendingPathComponent(fileName)
        func refuse(_ problem: String) -> AgentError { .invalidValue("\(url.relativePath) \(problem)") }
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard case .listed = try RunManifest.standing(of: url) else {
            throw refuse("is not part of the compare in \(folder.relativePath) (its manifest.json does not list it)")
        }
        let stored: Stored
        do { stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: url)) } catch {
            throw refuse("cannot be read: \(error.localizedDescription)")
        }
        // Runs that differ only in their seed are checked once: a plan may hold many thousands.
        var checked: [[String: String]: TrainingConfiguration] = [:]
        let runs = try stored.runs.map { run throws(AgentError) in
            guard !run.folder.hasPrefix("/"), !run.folder.split(separator: "/").contains("..") else {
                throw refuse(
                    "names a run folder outside \(MessageText.shown(folder.relativePath)): \(MessageText.shown(run.folder))"
                )
            }
            var key = run.settings
            key["seed"] = nil
            var configuration: TrainingConfiguration
            if let known = checked[key] {
                configuration = known
            } else {
                do throws(AgentError) {
                    configuration = try TrainingConfiguration(settings: key)
                    try configuration.validate()
                } catch {
                    throw refuse("holds a run that cannot train: \(error.worded(AgentError.setting))")
                }
                checked[key] = configuration
            }
            let seedSetting = try TrainingConfiguration.setting(named: "seed")
            do { try seedSetting.set(run.settings["seed"] ?? "", in: &configuration) } catch {
                throw refuse("holds a run without a valid seed: \(MessageText.shown(run.folder))")
            }
            return ComparisonRun(
                variant: run.variant, folder: folder.appendingPathComponent(run.folder), configuration: configuration)
        }
        return ComparisonPlan(variants: stored.variants, runs: runs)
    }

    /// The plan to tabulate in `folder`: the one kept there, else `planned`. When `explicit` (the varied
    /// settings and seeds were given, not left at their defaults) they must name the kept plan's runs.
    public static func tabulated(in folder: URL, planned: ComparisonPlan, explicit: Bool) throws -> ComparisonPlan {
        guard let kept = try stored(in: folder) else { return planned }
        guard !explicit || kept.sameRuns(as: planned) else {
            let s = AgentError.setting
            throw AgentError.invalidValue(
                "\(folder.relativePath)'s plan.json names other runs than these \(s("vary")) and \(s("seeds")); give \(s("from")) alone to compare its plan"
            )
        }
        return kept
    }

    /// The same runs with the same settings, wherever their folders are.
    func sameRuns(as other: ComparisonPlan) -> Bool {
        variants == other.variants && runs.count == other.runs.count
            && zip(runs, other.runs).allSatisfy {
                $0.variant == $1.variant && $0.configuration == $1.configuration
            }
    }
}
