import Foundation
import OutputFiles

/// Reading folders the way every workflow does: hidden names (staging folders, temporary files, the lock)
/// are never part of what a folder holds.
package enum FolderListing {
    /// `url`'s path relative to `folder` when it lies inside it, else its whole path.
    package static func path(of url: URL, relativeTo folder: URL) -> String {
        let base = folder.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// The names in `folder` that are not hidden, sorted.
    package static func visibleNames(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// Whether `path` names an existing folder.
    package static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The regular files below `folder`, at most `depth` folders down, whose names `matches` accepts, sorted
    /// by path; hidden names are skipped, and symlinks (to files or folders) are neither read nor followed,
    /// so a folder given as input yields only what lies inside it.
    package static func files(below folder: URL, depth: Int, where matches: (String) -> Bool) -> [URL] {
        var found: [URL] = []
        for name in visibleNames(in: folder) {
            let child = folder.appendingPathComponent(name)
            switch FolderEntry.kind(child) {
            case .folder? where depth > 0: found += files(below: child, depth: depth - 1, where: matches)
            case .file? where matches(name): found.append(child)
            default: break
            }
        }
        return found
    }
}
