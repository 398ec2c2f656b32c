import Foundation

/// Reading folders the way every workflow does: hidden names (staging folders, temporary files, the lock)
/// are never part of what a folder holds.
public enum FolderListing {
    /// `url`'s path relative to `folder` when it lies inside it, else its whole path.
    public static func path(of url: URL, relativeTo folder: URL) -> String {
        let base = folder.standardizedFileURL.path + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(base) ? String(path.dropFirst(base.count)) : path
    }

    /// The names in `folder` that are not hidden, sorted.
    public static func visibleNames(in folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    /// Whether `path` names an existing folder.
    public static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The files below `folder`, at most `depth` folders down, whose names `matches` accepts, sorted by path;
    /// hidden names are skipped.
    public static func files(below folder: URL, depth: Int, where matches: (String) -> Bool) -> [URL] {
        var found: [URL] = []
        for name in visibleNames(in: folder) {
            let child = folder.appendingPathComponent(name)
            if isFolder(child.path) {
                if depth > 0 { found += files(below: child, depth: depth - 1, where: matches) }
            } else if matches(name) {
                found.append(child)
            }
        }
        return found
    }
}
