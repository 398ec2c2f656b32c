import Foundation

/// `manifest.json`: what made a result folder and every file it wrote, with sizes and SHA-256 digests.
/// A folder's outputs are the files its manifest lists and that still match it; anything else in the
/// folder is not part of the run.
package struct RunManifest: Codable, Equatable, Sendable {
    package static let fileName = "manifest.json"

    package enum State: String, Codable, Sendable {
        /// The command did all its work.
        case complete
        /// The command was stopped (Ctrl-C, SIGTERM) and kept what it had done.
        case interrupted
    }

    package struct File: Codable, Equatable, Sendable {
        /// Relative to the folder, with `/` between folders.
        package var path: String
        package var size: Int
        package var sha256: String

        package init(path: String, size: Int, sha256: String) {
            self.path = path
            self.size = size
            self.sha256 = sha256
        }
    }

    package var tool: String
    package var version: String
    /// The subcommand that wrote the folder (`run`, `train`, ...).
    package var command: String
    /// The words after the executable's name, as given.
    package var arguments: [String]
    /// Every option that shaped the outputs, defaults included, by name: what a reader compares.
    package var settings: [String: String]
    package var state: State
    /// When the command started and when its outputs were moved into place (ISO 8601, UTC).
    package var started: String
    package var finished: String
    package var files: [File]

    /// The manifest in `folder`, or nil when there is none.
    package static func read(in folder: URL) throws(RunFolderError) -> RunManifest? {
        let url = folder.appendingPathComponent(fileName)
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return nil }
        guard status.st_mode & S_IFMT == S_IFREG, status.st_size < 64 << 20 else {
            throw .badManifest(url, reason: "not a manifest of cartpole's (not a regular file of a sensible size)")
        }
        do {
            let manifest = try JSONDecoder().decode(RunManifest.self, from: Data(contentsOf: url))
            guard manifest.tool == "cartpole" else {
                throw RunFolderError.badManifest(url, reason: "written by another tool")
            }
            if let path = manifest.files.map(\.path).first(where: { !isFolderPath($0) }) {
                throw RunFolderError.badManifest(
                    url,
                    reason: "lists '\(MessageText.shown(path))', which is not a file inside its folder; "
                        + "remove the manifest, or choose another folder")
            }
            return manifest
        } catch let error as RunFolderError {
            throw error
        } catch {
            throw .badManifest(url, reason: "not a manifest of cartpole's; remove it, or choose another folder")
        }
    }

    /// Whether `path` names a file below a folder as manifests list them: relative, `/` between folder
    /// names, none of them empty, `.`, `..` or hidden.
    package static func isFolderPath(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return path.utf8.count <= 4096 && !path.contains("\0")
            && parts.allSatisfy { !$0.isEmpty && !$0.hasPrefix(".") && $0.utf8.count <= 255 }
    }

    /// The first folder level of every file listed: what the run owns in its folder.
    package var topLevelNames: Set<String> {
        Set(files.map { String($0.path.split(separator: "/", maxSplits: 1).first ?? "") })
    }

    /// The entry for `path` (relative to the folder), if listed.
    package func file(_ path: String) -> File? { files.first { $0.path == path } }

    /// Whether the file at `path` (relative to `folder`) is listed and still has the listed size and digest.
    /// The size is compared first, so a file grown or planted large is told apart without reading it.
    package func matches(_ path: String, in folder: URL) -> Bool {
        let url = folder.appendingPathComponent(path)
        var status = stat()
        guard let listed = file(path), lstat(url.path, &status) == 0, status.st_mode & S_IFMT == S_IFREG,
            Int(status.st_size) == listed.size, let actual = try? SHA256.file(atPath: url.path)
        else { return false }
        return actual.size == listed.size && actual.sha256 == listed.sha256
    }

    /// Where an input file stands against the result folder it lies in.
    package enum Standing: Equatable {
        /// No manifest of ours is beside it or one folder up: a file from elsewhere.
        case foreign
        /// Listed, and unchanged, by this manifest.
        case listed(RunManifest)
        /// In a result folder whose manifest does not list it: not part of that run.
        case unlisted(RunManifest)
    }

    /// Finds the manifest of the result folder `file` lies in (its folder, or one up for `checkpoints/`;
    /// a staging folder's files are a command's own work in progress) and checks the file against it; throws `.changed` when it is listed with other content.
    package static func standing(of file: URL) throws(RunFolderError) -> Standing {
        var folder = file.deletingLastPathComponent()
        var path = file.lastPathComponent
        for level in 0..<2 where !folder.lastPathComponent.hasPrefix(RunFolder.stagingPrefix) {
            if let manifest = try? read(in: folder) {
                // One level up, only a subfolder the run wrote (its checkpoints/) is the run's.
                if level == 1 && !manifest.topLevelNames.contains(String(path.prefix { $0 != "/" })) { return .foreign }
                guard manifest.file(path) != nil else { return .unlisted(manifest) }
                guard manifest.matches(path, in: folder) else { throw .changed(file, command: manifest.command) }
                return .listed(manifest)
            }
            path = folder.lastPathComponent + "/" + path
            folder = folder.deletingLastPathComponent()
        }
        return .foreign
    }

    /// The listed files that are missing or changed since they were written.
    package func changedFiles(in folder: URL) -> [String] {
        files.map(\.path).filter { !matches($0, in: folder) }
    }
}
