import Agent
import Foundation
import OutputFiles

/// One run of a comparison: a training with its own seed and result folder.
public struct ComparisonRun: Sendable {
    public let variant: String
    public let folder: URL
    public let configuration: TrainingConfiguration
    public var seed: UInt64 { configuration.seed }
    /// The settings by name as the run's manifest records them: a folder holds this run only if they match.
    public var settings: [String: String] { configuration.settingValues }

    public init(variant: String, folder: URL, configuration: TrainingConfiguration) {
        self.variant = variant
        self.folder = folder
        self.configuration = configuration
    }
}
