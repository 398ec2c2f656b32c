import Foundation

/// A result folder written as one unit by one command: locked while written, built in a staging folder,
/// and moved into place with its manifest only when complete.
///
/// - Opening takes the folder's lock (`FolderLock`; a second writer is refused at once), finishes a commit
///   that a killed process left half done, removes staging folders that killed processes abandoned, and
///   refuses a folder that holds another command's outputs or a file in the way that no manifest lists.
/// - The command writes its outputs into `staging` (`FOLDER/.cartpole-staging-PID-N`, hidden).
/// - `commit` lists and hashes the staged files into `manifest.json`, then moves them into place, removes
///   what the previous run of the command listed and this one did not write, and moves the manifest in
///   last. A journal (`.cartpole-commit`) written first lets the next opener finish a commit that was cut
///   short, as a database replays its log; until then the folder has no manifest, and readers say so.
/// - The lock is released by the commit: the folder is then whole and anyone's to read or replace.
/// - Dropped without a commit (a failure, a full disk), it removes the staging folder, and the folder if
///   it created it: the previous complete outputs are untouched.
package final class RunFolder {
    /// The folder of a comparison that holds its runs, each `runs/VARIANT/seed-S` a `train` folder of its own.
    package static let comparisonRuns = "runs"

    package let url: URL
    /// Where the command writes its outputs until `commit`.
    package let staging: URL
    package let command: String
    /// What opening found and cleaned up, in words for the user.
    package private(set) var notes: [String] = []
    /// The manifest of the folder's previous run of this command, if any.
    package let previous: RunManifest?

    /// Held from opening until the commit (or until dropped).
    private var lock: FolderLock?
    /// The folders opening created, outermost first: removed again when nothing is committed.
    private let created: [URL]
    private let started = Date()
    private var committed = false
    /// After the commit: the previous run's files that this one did not write, which the commit removed.
    package private(set) var replaced: [String] = []

    static let stagingPrefix = ".cartpole-staging-"
    nonisolated(unsafe) private static var counter = 0
    private static let counterLock = NSLock()

    /// Opens `url` (created with its parents if missing) for `command`.
    /// - Parameters:
    ///   - url: the folder;
    ///   - command: the command whose outputs it holds;
    ///   - outputs: `fnmatch` patterns of the top-level names the command may write; an existing one that
    ///     the folder's manifest does not list is in the way.
    ///   - holder: who is writing, for the message a second writer gets (e.g. the command line).
    /// - Throws: `RunFolderError` when the folder cannot be made or written, is another's, or is in use.
    package init(_ url: URL, command: String, outputs: [String], holder: String) throws(RunFolderError) {
        self.url = url
        self.command = command
        try Self.checkNesting(url, command: command)
        created = try Self.createFolders(url)
        // A journal that may not be followed is refused before the lock file is made.
        if created.isEmpty { _ = try CommitJournal.check(url) }
        // Refused before anything is written, lock file included, unless a cut-short commit may change the answer.
        if created.isEmpty && FolderEntry.kind(url.appendingPathComponent(CommitJournal.fileName)) == nil {
            try Self.checkOwnership(url, command: command, outputs: outputs)
        }
        do {
            lock = try FolderLock(url, holder: "process \(getpid()) (\(MessageText.shown(holder, limit: 200)))")
        } catch {
            Self.removeCreated(created)
            throw error
        }
        let number = Self.counterLock.withLock { () -> Int in
            Self.counter += 1
            return Self.counter
        }
        staging = url.appendingPathComponent("\(Self.stagingPrefix)\(getpid())-\(number)")
        do throws(RunFolderError) {
            notes = try Self.finishInterruptedCommit(url) + Self.removeAbandonedStaging(url)
            let removed = AtomicFile.removeAbandoned(in: url)
            if !removed.isEmpty {
                notes.append(
                    "removed \(removed.count) unfinished file(s) of a killed process: \(removed.joined(separator: ", "))"
                )
            }
            let previous = try Self.checkOwnership(url, command: command, outputs: outputs)
            guard mkdir(staging.path, 0o755) == 0 else {
                throw RunFolderError.cannotWrite(url, reason: String(cString: strerror(errno)))
            }
            self.previous = previous
        } catch {
            Self.removeCreated(created)
            throw error
        }
    }

    deinit {
        if !committed {
            try? FileManager.default.removeItem(at: staging)
            Self.removeCreated(created)
        }
    }

    /// Lists and hashes the staged outputs into the manifest, moves them into place and returns the manifest.
    @discardableResult
    package func commit(version: String, arguments: [String], settings: [String: String], state: RunManifest.State)
        throws(RunFolderError) -> RunManifest
    {
        precondition(!committed, "a RunFolder is committed once")
        let formatter = ISO8601DateFormatter()
        var files: [RunManifest.File] = []
        for path in Self.filePaths(below: staging) {
            do {
                let (size, digest) = try SHA256.file(atPath: staging.appendingPathComponent(path).path)
                files.append(RunManifest.File(path: path, size: size, sha256: digest))
            } catch {
                throw .commitFailed(url, reason: error.description)
            }
        }
        let manifest = RunManifest(
            tool: "cartpole", version: version, command: command, arguments: arguments, settings: settings,
            state: state, started: formatter.string(from: started), finished: formatter.string(from: Date()),
            files: files)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            try AtomicFile.write(
                try encoder.encode(manifest) + Data("\n".utf8), to: staging.appendingPathComponent(RunManifest.fileName)
            )
            let stale = Set(previous?.files.map(\.path) ?? []).subtracting(manifest.files.map(\.path)).sorted()
            let journal = CommitJournal(staging: staging.lastPathComponent, remove: stale)
            try AtomicFile.write(try encoder.encode(journal), to: url.appendingPathComponent(CommitJournal.fileName))
        } catch let error as OutputError {
            throw .commitFailed(url, reason: error.description)
        } catch {
            throw .commitFailed(url, reason: "\(error)")
        }
        try CommitJournal.rollForward(url)
        committed = true
        replaced = Set(previous?.files.map(\.path) ?? []).subtracting(manifest.files.map(\.path)).sorted()
        lock = nil
        return manifest
    }

    // MARK: - Opening

    private static func finishInterruptedCommit(_ url: URL) throws(RunFolderError) -> [String] {
        guard FolderEntry.kind(url.appendingPathComponent(CommitJournal.fileName)) != nil else { return [] }
        try CommitJournal.rollForward(url)
        return [
            "finished moving the outputs of an earlier command into \(url.relativePath) (it was stopped while doing so)"
        ]
    }

    /// Refuses a result folder inside the outputs of another one (`RUN/checkpoints/x`, whose owner's rerun
    /// replaces what it holds), but for the runs a compare folder keeps (`runs/VARIANT/seed-S`, each a
    /// `train` folder). A folder beside another's outputs (`videos/train` beside `run`'s) is not inside them.
    private static func checkNesting(_ url: URL, command: String) throws(RunFolderError) {
        var inner: [String] = []
        var folder = url.standardizedFileURL
        while folder.path != "/" {
            inner.insert(folder.lastPathComponent, at: 0)
            folder = folder.deletingLastPathComponent()
            guard FolderEntry.kind(folder.appendingPathComponent(RunManifest.fileName)) == .file,
                let outer = try? RunManifest.read(in: folder)
            else { continue }
            let isCompareRun =
                outer.command == "compare" && command == "train" && inner.count == 3
                && inner[0] == Self.comparisonRuns
                && inner[2].hasPrefix("seed-")
            guard isCompareRun || !outer.topLevelNames.contains(inner[0]) else {
                // The outer folder as the user named it (relative when --out was).
                var named = url
                for _ in inner { named = named.deletingLastPathComponent() }
                throw .insideAnother(url, outer: named, command: outer.command)
            }
        }
    }

    /// Staging folders are only ever left by writers that are gone: this one holds the lock. Anything else
    /// by that name (a symlink) is unlinked, never followed.
    private static func removeAbandonedStaging(_ url: URL) -> [String] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter {
            CommitJournal.isStagingName($0)
        }
        return names.sorted().map { name in
            let entry = url.appendingPathComponent(name)
            if FolderEntry.kind(entry) == .folder {
                try? FileManager.default.removeItem(at: entry)
            } else {
                unlink(entry.path)
            }
            return
                "removed \(url.appendingPathComponent(name).relativePath), the unfinished outputs of a command that was stopped"
        }
    }

    /// The folder's manifest, after checking that it is this command's (or none) and that no file this
    /// command may write is there without a manifest listing it.
    @discardableResult
    private static func checkOwnership(_ url: URL, command: String, outputs: [String]) throws(RunFolderError)
        -> RunManifest?
    {
        let previous = try RunManifest.read(in: url)
        if let previous, previous.command != command {
            throw RunFolderError.otherCommand(url, command: previous.command)
        }
        let owned = previous?.topLevelNames ?? []
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).filter {
            !$0.hasPrefix(".")
        }.sorted()
        let fixed = [RunManifest.fileName]
        for name in names
        where !owned.contains(name) && (fixed + outputs).contains(where: { fnmatch($0, name, 0) == 0 }) {
            if name == RunManifest.fileName && previous != nil { continue }
            throw .unlisted(url.appendingPathComponent(name))
        }
        return previous
    }

    // MARK: - Files and folders

    /// Creates `url` and its missing parents; the folders it created, outermost first.
    private static func createFolders(_ url: URL) throws(RunFolderError) -> [URL] {
        var status = stat()
        if stat(url.path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFDIR else { throw .notAFolder(url) }
            return []
        }
        var missing: [URL] = []
        var current = url.standardizedFileURL
        while !FileManager.default.fileExists(atPath: current.path), current.path != "/" {
            missing.append(current)
            current = current.deletingLastPathComponent()
        }
        var created: [URL] = []
        for folder in missing.reversed() {
            if mkdir(folder.path, 0o755) == 0 {
                created.append(folder)
            } else if errno != EEXIST {
                let reason = String(cString: strerror(errno))
                removeCreated(created)
                throw .cannotCreate(url, reason: reason)
            }
        }
        return created
    }

    /// Removes the folders this process created (the innermost's lock file first), when nothing was committed;
    /// a folder someone else has written into meanwhile is not empty and stays.
    private static func removeCreated(_ folders: [URL]) {
        guard let innermost = folders.last else { return }
        unlink(innermost.appendingPathComponent(FolderLock.fileName).path)
        for folder in folders.reversed() { rmdir(folder.path) }
    }

    /// The regular files below `folder`, relative paths, sorted; hidden names are skipped.
    static func filePaths(below folder: URL, prefix: String = "") -> [String] {
        var paths: [String] = []
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        where !name.hasPrefix(".") {
            let child = folder.appendingPathComponent(name)
            if isDirectory(child) {
                paths += filePaths(below: child, prefix: prefix + name + "/")
            } else {
                paths.append(prefix + name)
            }
        }
        return paths
    }

    private static func isDirectory(_ url: URL) -> Bool { FolderEntry.kind(url) == .folder }

}
