import Foundation

/// What a commit does, written into the folder (`.cartpole-commit`) before it starts, as a database writes
/// its log: the staging folder whose files move in, and the files of the previous run to remove. Every
/// step can be repeated, so a commit cut short at any point is finished by carrying the journal out again.
///
/// A journal is a file in the folder, which anyone may have written: it is followed only when the staging
/// folder it names is a real folder directly inside, named as this tool names them, and every file it
/// would remove is listed by the folder's own previous manifest; otherwise it is refused and nothing is
/// touched. Moving in merges folders file by file, so files no manifest lists (a user's notes) stay.
struct CommitJournal: Codable {
    static let fileName = ".cartpole-commit"
    /// The previous manifest, set aside while the commit runs: what the journal's removals are checked against.
    static let replacedManifestName = ".cartpole-replaced-manifest.json"

    /// The staging folder's name, `.cartpole-staging-PID-N`.
    var staging: String
    /// Paths (relative, `/` between folders) of files the previous run wrote and this one did not.
    var remove: [String]

    /// Whether `name` is a staging folder's name as `RunFolder` makes them.
    static func isStagingName(_ name: String) -> Bool {
        guard name.hasPrefix(RunFolder.stagingPrefix) else { return false }
        let numbers = name.dropFirst(RunFolder.stagingPrefix.count).split(
            separator: "-", omittingEmptySubsequences: false)
        return numbers.count == 2
            && numbers.allSatisfy { !$0.isEmpty && $0.count <= 20 && $0.allSatisfy { ("0"..."9").contains($0) } }
    }

    /// The journal in `folder` and its staging folder, or nil when there is none; refused, with nothing
    /// touched, unless every rule of this type's summary holds.
    static func check(_ folder: URL) throws(RunFolderError) -> (journal: CommitJournal, staged: URL)? {
        let journalURL = folder.appendingPathComponent(fileName)
        guard FolderEntry.kind(journalURL) != nil else { return nil }
        let journal: CommitJournal
        do {
            guard FolderEntry.kind(journalURL) == .file else { throw RunFolderError.commitFailed(folder, reason: "") }
            journal = try JSONDecoder().decode(CommitJournal.self, from: Data(contentsOf: journalURL))
        } catch {
            throw .commitFailed(folder, reason: "\(fileName) cannot be read; remove it")
        }
        guard isStagingName(journal.staging), journal.remove.allSatisfy(RunManifest.isFolderPath) else {
            throw .commitFailed(folder, reason: "\(fileName) names files outside the folder; remove it")
        }
        let staged = folder.appendingPathComponent(journal.staging)
        switch FolderEntry.kind(staged) {
        case .folder?:
            let replaced = folder.appendingPathComponent(replacedManifestName)
            try journal.check(
                in: folder,
                previous: FolderEntry.kind(replaced) != nil
                    ? replaced : folder.appendingPathComponent(RunManifest.fileName))
        case nil:
            break  // moved in and removed: only the journal is left
        default:
            throw .commitFailed(
                folder,
                reason: "\(fileName) names \(journal.staging), which is not a folder of this tool's; remove both")
        }
        return (journal, staged)
    }

    /// Carries out the journal in `folder`, if there is one.
    static func rollForward(_ folder: URL) throws(RunFolderError) {
        guard let (journal, staged) = try check(folder) else { return }
        let manifestURL = folder.appendingPathComponent(RunManifest.fileName)
        let replacedURL = folder.appendingPathComponent(replacedManifestName)
        if FolderEntry.kind(staged) == .folder {
            if FolderEntry.kind(manifestURL) != nil, FolderEntry.kind(replacedURL) == nil {
                try rename(manifestURL, to: replacedURL, in: folder)
            }
            try moveIn(from: staged, to: folder, in: folder, top: true)
            for path in journal.remove { removeFile(path, in: folder) }
            let stagedManifest = staged.appendingPathComponent(RunManifest.fileName)
            if FolderEntry.kind(stagedManifest) == .file { try rename(stagedManifest, to: manifestURL, in: folder) }
            syncFolder(folder)
            try? FileManager.default.removeItem(at: staged)
        }
        unlink(replacedURL.path)
        unlink(folder.appendingPathComponent(fileName).path)
        syncFolder(folder)
    }

    /// Refuses a journal that would remove a file the previous manifest (at `previous`) does not list.
    private func check(in folder: URL, previous: URL) throws(RunFolderError) {
        guard !remove.isEmpty else { return }
        let listed: Set<String>
        do {
            let data = try Data(contentsOf: previous)
            listed = Set(try JSONDecoder().decode(RunManifest.self, from: data).files.map(\.path))
        } catch {
            throw .commitFailed(folder, reason: "\(Self.fileName) removes files no manifest lists; remove it")
        }
        if let path = remove.first(where: { !listed.contains($0) }) {
            throw .commitFailed(
                folder,
                reason:
                    "\(Self.fileName) removes \(MessageText.shown(path)), which its manifest does not list; remove it")
        }
    }

    /// Moves every entry of `source` to the same name in `target`; a folder onto a folder merges.
    private static func moveIn(from source: URL, to target: URL, in folder: URL, top: Bool) throws(RunFolderError) {
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? [])
            .filter { !$0.hasPrefix(".") && !(top && $0 == RunManifest.fileName) }.sorted()
        for entry in entries {
            let from = source.appendingPathComponent(entry)
            let to = target.appendingPathComponent(entry)
            if FolderEntry.kind(from) == .folder && FolderEntry.kind(to) == .folder {
                try moveIn(from: from, to: to, in: folder, top: false)
            } else {
                try rename(from, to: to, in: folder)
            }
        }
    }

    /// Removes the file at `path` below `folder`, and the folders it leaves empty, when every folder on
    /// the way is a real one (a symlink planted on the way is not followed). What cannot be removed (it is
    /// now a folder, or may not be unlinked) stays: it is no longer listed, so no reader takes it, and a
    /// commit never stops on it (which would leave a journal no rerun could finish).
    private static func removeFile(_ path: String, in folder: URL) {
        let parts = path.split(separator: "/").map(String.init)
        var parents: [URL] = []
        var current = folder
        for part in parts.dropLast() {
            current = current.appendingPathComponent(part)
            guard FolderEntry.kind(current) == .folder else { return }
            parents.append(current)
        }
        let file = current.appendingPathComponent(parts[parts.count - 1])
        guard let kind = FolderEntry.kind(file), kind != .folder else { return }
        unlink(file.path)
        for parent in parents.reversed() { rmdir(parent.path) }
    }

    private static func rename(_ from: URL, to: URL, in folder: URL) throws(RunFolderError) {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw .commitFailed(folder, reason: "\(to.lastPathComponent): \(String(cString: strerror(errno)))")
        }
    }

    static func syncFolder(_ folder: URL) {
        let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if descriptor >= 0 {
            fsync(descriptor)
            close(descriptor)
        }
    }
}

/// What an entry of a folder is, without following a symlink.
package enum FolderEntry: Equatable {
    case file, folder, symlink, other

    package static func kind(_ url: URL) -> FolderEntry? {
        var status = stat()
        guard lstat(url.path, &status) == 0 else { return nil }
        switch status.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .folder
        case S_IFLNK: return .symlink
        default: return .other
        }
    }
}
