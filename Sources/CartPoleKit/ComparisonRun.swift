import Agent
import Foundation
import OutputFiles

/// One run of a comparison: a training with its own seed and result folder.
public struct ComparisonRun: Sendable {
    /// The variant it belongs to.
    public let variant: String
    /// Its result folder, DIR/runs/VARIANT/seed-S.
    public let folder: URL
    /// Its settings, seed included.
    public let configuration: TrainingConfiguration
    /// Its seed.
    public var seed: UInt64 { configuration.seed }
    /// The settings by name as the run's manifest records them: a folder holds this run only if they match.
    public var settings: [String: String] { configuration.settingValues }

    package init(variant: String, folder: URL, configuration: TrainingConfiguration) {
        self.variant = variant
        self.folder = folder
        self.configuration = configuration
    }
}
