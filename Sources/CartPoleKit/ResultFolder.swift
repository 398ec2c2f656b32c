import Foundation
import OutputFiles

extension RunFolder {
    /// Opens `path` as the result folder of `command` (locked, staged, and refused when it holds another
    /// command's outputs), telling `context` what it cleaned up that killed commands had left.
    /// - Parameters:
    ///   - path: the folder, created if missing;
    ///   - command: the command whose outputs it holds;
    ///   - outputs: the names the command may write there (`fnmatch` patterns);
    ///   - context: who runs the job.
    /// - Returns: the folder, locked, with its staging folder.
    /// - Throws: `JobError` when the folder cannot be made or written, is another's, or is in use.
    package static func open(_ path: String, command: String, outputs: [String], context: JobContext)
        throws(JobError) -> RunFolder
    {
        try checkOutputPath(path)
        let folder: RunFolder
        do {
            folder = try RunFolder(
                URL(fileURLWithPath: path), command: command, outputs: outputs, holder: context.holder)
        } catch .notAFolder {
            throw notAFolder(path)
        } catch .cannotWrite(_, let reason) {
            throw .value(setting: "out", problem: "\(path): cannot write into the folder: \(reason)")
        } catch .cannotCreate(_, let reason) {
            throw .value(setting: "out", problem: "\(path): cannot create the folder: \(reason)")
        } catch {
            throw .failed(error.text)
        }
        for note in folder.notes { context.note("note: \(note)") }
        return folder
    }

    /// Refuses, before any work, an output path that is empty or names something that is not a folder.
    package static func checkOutputPath(_ path: String) throws(JobError) {
        guard !path.isEmpty else { throw .value(setting: "out", problem: "is empty; name a folder for the outputs") }
        var status = stat()
        if stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR { throw notAFolder(path) }
    }

    private static func notAFolder(_ path: String) -> JobError {
        .value(setting: "out", problem: "\(path) exists and is not a folder; choose a folder for the outputs")
    }

    /// Moves the staged outputs into place under a manifest of `settings`, then tells `context` which
    /// files of the folder's previous run of the command it removed (this one does not write them), so
    /// that nothing of the user's goes without a word.
    @discardableResult
    package func commit(settings: [String: String], interrupted: Bool = false, context: JobContext) throws(JobError)
        -> RunManifest
    {
        let manifest: RunManifest
        do {
            manifest = try commit(
                version: context.version, arguments: context.arguments, settings: settings,
                state: interrupted ? .interrupted : .complete)
        } catch { throw .failed(error.text) }
        if !replaced.isEmpty {
            context.note(
                "note: \(url.relativePath): removed \(replaced.count) file(s) of the earlier `cartpole \(manifest.command)` "
                    + "there that this one does not write: \(MessageText.shownList(replaced, limit: 5))")
        }
        return manifest
    }

    /// Where `name` lands once committed.
    package func final(_ name: String) -> URL { url.appendingPathComponent(name) }
}
