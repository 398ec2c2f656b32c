import Foundation
import OutputFiles

/// What a job is told by whoever runs it: the program and arguments its manifest records, when to stop,
/// and where its notes go (what it cleaned up, replaced or passed over).
public struct JobContext: Sendable {
    /// The tool's version, for manifests and summaries.
    public var version: String
    /// The invocation's arguments, for manifests (empty for a library call).
    public var arguments: [String]
    /// Who is writing, as another writer of the same folder is told.
    public var holder: String
    /// Asked during long work: true stops it, keeping what is done, marked interrupted.
    public var shouldStop: @Sendable () -> Bool = { false }
    /// Hears each note, a line each, its settings named as parts of it.
    public var note: @Sendable (SettingText) -> Void = { _ in }

    /// - Parameters:
    ///   - version: the tool's version;
    ///   - arguments: the invocation's arguments;
    ///   - holder: who is writing; by default the program's name and `arguments`.
    public init(version: String, arguments: [String] = [], holder: String? = nil) {
        self.version = version
        self.arguments = arguments
        self.holder = holder ?? ([ProcessInfo.processInfo.processName] + arguments).joined(separator: " ")
    }
}
