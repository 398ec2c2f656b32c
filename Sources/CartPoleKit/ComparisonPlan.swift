import Agent
import Foundation
import OutputFiles

/// The runs of a comparison: every combination of the varied settings' values, each trained with seeds 1
/// to S and otherwise the base configuration, each into its own folder `DIR/runs/VARIANT/seed-S`.
public struct ComparisonPlan: Sendable {
    /// One variant: its label, its runs' folder (`DIR/runs/VARIANT`) and its settings but the seed.
    struct Variant: Sendable {
        var label: String
        var folder: URL
        var configuration: TrainingConfiguration
    }

    private let planned: [Variant]
    /// Runs per variant, with seeds 1 to `seeds`.
    public let seeds: Int
    /// The variants' labels, in order.
    public var variants: [String] { planned.map(\.label) }
    /// Every run, variant by variant, each variant's with seeds 1 to `seeds`: made when asked for, so that a
    /// task of a plan of millions of runs holds its own run only.
    public var runs: Runs { Runs(variants: planned, seeds: seeds) }

    /// Every run, variant by variant, seed by seed.
    public struct Runs: RandomAccessCollection, Sendable {
        let variants: [Variant]
        let seeds: Int
        /// The first run: 0.
        public var startIndex: Int { 0 }
        /// Past the last run.
        public var endIndex: Int { variants.count * seeds }
        /// The run at `index`: variant `index / seeds`, seed `index % seeds + 1`.
        public subscript(index: Int) -> ComparisonRun {
            let variant = variants[index / seeds]
            var configuration = variant.configuration
            configuration.seed = UInt64(index % seeds + 1)
            return ComparisonRun(
                variant: variant.label, folder: variant.folder.appendingPathComponent("seed-\(configuration.seed)"),
                configuration: configuration)
        }
    }

    /// The plan as the compare folder keeps it, so that tabulating and resuming know which runs make the
    /// comparison and with which settings.
    package static let fileName = "plan.json"

    /// plan.json: each variant once, with its folder and settings but the seed; its runs are seeds 1 to
    /// `seeds`, in `FOLDER/seed-S`, so that a plan of many thousand runs stays small.
    private struct Stored: Codable {
        struct Variant: Codable {
            var label: String
            /// Relative to the compare folder.
            var folder: String
            var settings: [String: String]
        }
        var seeds: Int
        var variants: [Variant]
    }

    /// The longest variant label a plan may hold (a `--vary` of several settings makes a few dozen characters).
    package static let longestLabel = 200

    /// Whether `label` can name a variant: at most `longestLabel` characters, on one line, no control character.
    package static func isLabel(_ label: String) -> Bool {
        label.count <= longestLabel
            && !label.unicodeScalars.contains { $0.properties.generalCategory == .control }
    }

    /// - Parameters:
    ///   - given: the settings given for every run, by name (the others are the preset's or the defaults);
    ///   - preset: the chapter every run trains as, unless `vary` varies it;
    ///   - vary: `NAME=V1,V2,...` for any training setting but the seed, or `preset=P1,P2,...`; every
    ///     combination is a variant;
    ///   - seeds: runs per variant, with seeds 1 to `seeds`;
    ///   - folder: the comparison folder, whose runs/ holds the runs.
    /// - Throws: `AgentError` for a `vary` that names no setting, the seed, or a value its setting refuses.
    public init(
        given: [String: String], preset: TrainingPreset? = nil, vary: [String], seeds: Int, folder: URL
    ) throws(AgentError) {
        let base = try TrainingPreset.configuration(preset, given)
        var combinations: [[(name: String, value: String)]] = [[]]
        var varied: Set<String> = []
        for item in vary {
            func refuse(_ problem: SettingText) -> AgentError {
                .invalidValue("\(setting: "vary") \(item): \(problem)")
            }
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[1].isEmpty else {
                throw .invalidValue("\(setting: "vary") takes NAME=V1,V2,... (got '\(MessageText.shown(item))')")
            }
            guard parts[0] != "seed" else {
                throw .invalidValue("\(setting: "vary") cannot vary the seed; runs use seeds 1 to \(setting: "seeds")")
            }
            guard varied.insert(parts[0]).inserted else {
                throw .invalidValue(
                    "\(setting: "vary") \(parts[0]) is given twice; list all its values in one \(setting: "vary") \(parts[0])=V1,V2,..."
                )
            }
            let values = parts[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard !values.contains("") else { throw refuse("a value is empty") }
            if parts[0] == "preset" {
                for value in values { do { _ = try TrainingPreset.named(value) } catch { throw refuse(error.text) } }
                guard Set(values).count == values.count else { throw refuse("a preset is given twice; give each once") }
                combinations = combinations.flatMap { earlier in values.map { earlier + [("preset", $0)] } }
                continue
            }
            let setting: TrainingSetting
            do { setting = try TrainingConfiguration.setting(named: parts[0]) } catch { throw refuse(error.text) }
            // Values that parse to the same setting (0.001 and 1e-3) would train the same variant twice.
            var seen: [String: String] = [:]
            for value in values {
                var configuration = base
                do { try setting.set(value, in: &configuration) } catch { throw refuse(error.text) }
                let canonical = setting.value(in: configuration).text
                if let earlier = seen[canonical] {
                    throw refuse("\(earlier) and \(value) are the same value; give each once")
                }
                seen[canonical] = value
            }
            combinations = combinations.flatMap { earlier in values.map { earlier + [(setting.name, $0)] } }
        }
        var planned: [Variant] = []
        for combination in combinations {
            let label =
                combination.isEmpty
                ? "default" : combination.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
            var configuration = base
            if let varied = combination.first(where: { $0.name == "preset" }) {
                configuration = try TrainingPreset.configuration(TrainingPreset.named(varied.value), given)
            }
            for (name, value) in combination where name != "preset" {
                try TrainingConfiguration.setting(named: name).set(value, in: &configuration)
            }
            do { try configuration.validate() } catch {
                throw .invalidValue("\(setting: "vary") \(label): \(error.text)")
            }
            let variantFolder = folder.appendingPathComponent(RunFolder.comparisonRuns).appendingPathComponent(
                label.replacingOccurrences(of: "/", with: "_"))
            configuration.seed = 0
            planned.append(Variant(label: label, folder: variantFolder, configuration: configuration))
        }
        self.planned = planned
        self.seeds = seeds
    }

    private init(planned: [Variant], seeds: Int) {
        self.planned = planned
        self.seeds = seeds
    }

    /// plan.json, with every variant's folder relative to `folder`.
    private func encoded(relativeTo folder: URL) throws -> Data {
        let stored = Stored(
            seeds: seeds,
            variants: planned.map { variant in
                var settings = variant.configuration.settingValues
                settings["seed"] = nil
                return Stored.Variant(
                    label: variant.label, folder: FolderListing.path(of: variant.folder, relativeTo: folder),
                    settings: settings)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(stored)
    }

    /// Writes plan.json into the compare folder's staging, its runs' folders relative to the folder.
    package func save(in folder: RunFolder) throws {
        try AtomicFile.write(encoded(relativeTo: folder.url), to: folder.staging.appendingPathComponent(Self.fileName))
    }

    /// The comparison folder a path names: the folder itself, or the one above a comparison's runs folder
    /// (`DIR/runs` names `DIR` when DIR holds a plan).
    package static func comparisonFolder(named path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let parent = url.deletingLastPathComponent()
        let holdsPlan = FileManager.default.fileExists(atPath: parent.appendingPathComponent(fileName).path)
        return url.lastPathComponent == RunFolder.comparisonRuns && holdsPlan ? parent.relativePath : path
    }

    /// The plan kept in `folder` by an earlier compare or emitted plan, or nil when it has none; a plan
    /// that its folder's manifest does not list, or that changed since, is refused.
    package static func stored(in folder: URL) throws -> ComparisonPlan? {
        let url = folder.appendingPathComponent(fileName)
        func refuse(_ problem: SettingText) -> AgentError { .invalidValue("\(url.relativePath) \(problem)") }
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard case .listed = try RunManifest.standing(of: url) else {
            throw refuse("is not part of the compare in \(folder.relativePath) (its manifest.json does not list it)")
        }
        let stored: Stored
        do { stored = try JSONDecoder().decode(Stored.self, from: Data(contentsOf: url)) } catch {
            throw refuse("cannot be read: \(error.localizedDescription)")
        }
        guard (1...10000).contains(stored.seeds) else { throw refuse("holds \(stored.seeds) seeds; 1 to 10000 can be") }
        var planned: [Variant] = []
        for variant in stored.variants {
            guard Self.isLabel(variant.label) else {
                throw refuse("holds a variant label that no compare makes: \(MessageText.shown(variant.label))")
            }
            guard RunManifest.isFolderPath(variant.folder) else {
                throw refuse(
                    "names a run folder outside \(MessageText.shown(folder.relativePath)): \(MessageText.shown(variant.folder))"
                )
            }
            var configuration: TrainingConfiguration
            do throws(AgentError) {
                guard variant.settings["seed"] == nil else { throw .invalidValue("a variant names a seed") }
                configuration = try TrainingConfiguration(settings: variant.settings)
                try configuration.validate()
                configuration.seed = 0
            } catch {
                throw refuse("holds a variant that cannot train: \(error.text)")
            }
            planned.append(
                Variant(
                    label: variant.label, folder: folder.appendingPathComponent(variant.folder),
                    configuration: configuration))
        }
        return ComparisonPlan(planned: planned, seeds: stored.seeds)
    }

    /// The plan to tabulate in `folder`: the one kept there, else `planned`. When `explicit` (the varied
    /// settings and seeds were given, not left at their defaults) they must name the kept plan's runs.
    package static func tabulated(in folder: URL, planned: ComparisonPlan, explicit: Bool) throws -> ComparisonPlan {
        guard let kept = try stored(in: folder) else { return planned }
        guard !explicit || kept.sameRuns(as: planned) else {
            throw AgentError.invalidValue(
                "\(folder.relativePath)'s plan.json names other runs than these \(setting: "vary") and \(setting: "seeds"); give \(setting: "from") alone to compare its plan"
            )
        }
        return kept
    }

    /// Refuses this plan for `folder` when the plan kept there has run folders this one lacks (another
    /// variant, or more seeds), which would stay beside its runs: a compare folder holds its plan's runs and
    /// nothing else. A plan with every kept run's folder (the same variants, as many seeds or more) resumes
    /// it, retraining in place the runs made with other settings.
    package func checkKeepsTheRuns(in folder: URL) throws {
        guard let kept = try Self.stored(in: folder) else { return }
        func refuse(_ difference: String) -> AgentError {
            .invalidValue(
                "\(folder.relativePath) holds the runs of another comparison (\(difference)); choose another \(setting: "out"), or remove it"
            )
        }
        let folders = Set(planned.map(\.folder.standardizedFileURL.path))
        if let lacking = kept.planned.first(where: { !folders.contains($0.folder.standardizedFileURL.path) }) {
            throw refuse("its variant \(MessageText.shown(lacking.label)) is not one of these")
        }
        guard kept.seeds <= seeds else { throw refuse("seeds 1 to \(kept.seeds), not 1 to \(seeds)") }
    }

    /// The same runs with the same settings, wherever their folders are.
    func sameRuns(as other: ComparisonPlan) -> Bool {
        seeds == other.seeds && variants == other.variants
            && zip(planned, other.planned).allSatisfy { $0.configuration == $1.configuration }
    }
}
