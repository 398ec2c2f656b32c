import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

/// Refuses, before any work, an `--out` that is empty or names something that is not a folder.
func validateOutputFolder(_ path: String) throws {
    guard !path.isEmpty else { throw ValidationError("--out is empty; name a folder for the outputs") }
    var status = stat()
    if stat(path, &status) == 0 && status.st_mode & S_IFMT != S_IFDIR { throw notAFolder(path) }
}

private func notAFolder(_ path: String) -> ValidationError {
    ValidationError("--out \(path) exists and is not a folder; choose a folder for the outputs")
}

/// Opens `path` as the result folder of `command` (see `RunFolder`): locked, staged, and refused when it
/// holds another command's outputs; says what it cleaned up that killed commands had left.
/// - Parameter outputs: the names the command may write there (`fnmatch` patterns).
func openResultFolder(_ path: String, command: String, outputs: [String]) throws -> RunFolder {
    try validateOutputFolder(path)
    let folder: RunFolder
    do {
        folder = try RunFolder(
            URL(fileURLWithPath: path), command: command, outputs: outputs,
            holder: (["cartpole"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
    } catch .notAFolder {
        throw notAFolder(path)
    } catch .cannotWrite(_, let reason) {
        throw ValidationError("cannot write into the output folder \(path): \(reason)")
    } catch .cannotCreate(_, let reason) {
        throw ValidationError("cannot create the output folder \(path): \(reason)")
    }
    for note in folder.notes { Console.message("note: \(note)") }
    return folder
}

extension RunFolder {
    /// Moves the staged outputs into place under a manifest of this invocation.
    @discardableResult
    /// Commits, then says which files of the folder's previous run of the command it removed (this one
    /// does not write them), so that nothing of the user's goes without a word.
    func commit(settings: [String: String], interrupted: Bool = false) throws -> RunManifest {
        let manifest = try commit(
            version: CartPoleCommand.configuration.version, arguments: Array(CommandLine.arguments.dropFirst()),
            settings: settings, state: interrupted ? .interrupted : .complete)
        if !replaced.isEmpty {
            Console.message(
                "note: \(url.relativePath): removed \(replaced.count) file(s) of the earlier `cartpole \(manifest.command)` "
                    + "there that this one does not write: \(MessageText.shownList(replaced, limit: 5))")
        }
        return manifest
    }

    /// Where `name` lands once committed.
    func final(_ name: String) -> URL { url.appendingPathComponent(name) }
}

/// Option words `--name value ...` by option name (without the dashes): what a manifest records.
func optionValues(_ words: [String]) -> [String: String] {
    var result: [String: String] = [:]
    for index in stride(from: 0, to: words.count - 1, by: 2) {
        result[String(words[index].dropFirst(2))] = words[index + 1]
    }
    return result
}

/// A setting's name as the command line writes it: the option `--NAME`.
func optionName(_ setting: String) -> String { "--" + setting }
