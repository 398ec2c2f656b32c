import Foundation

/// Why a result folder cannot be written or read as one run, in words for the user.
package enum RunFolderError: SettingTextError, Equatable {
    /// The folder (or a parent) cannot be created.
    case cannotCreate(URL, reason: String)
    /// The folder cannot be written into.
    case cannotWrite(URL, reason: String)
    /// The path exists and is not a folder.
    case notAFolder(URL)
    /// Another process is writing the folder.
    case busy(URL, holder: String)
    /// The folder holds the outputs of another command.
    case otherCommand(URL, command: String)
    /// A file this command would write is there, and no manifest says this command wrote it.
    case unlisted(URL)
    /// The folder's manifest cannot be read.
    case badManifest(URL, reason: String)
    /// An input file differs from what its folder's manifest says the command wrote.
    case changed(URL, command: String)
    /// The folder lies inside the outputs of another result folder.
    case insideAnother(URL, outer: URL, command: String)
    /// Moving the finished outputs into place failed.
    case commitFailed(URL, reason: String)

    /// The message, its settings named as parts of it.
    package var text: SettingText {
        switch self {
        case .cannotCreate(let folder, let reason): "cannot create the output folder \(folder.relativePath): \(reason)"
        case .cannotWrite(let folder, let reason):
            "cannot write into the output folder \(folder.relativePath): \(reason)"
        case .notAFolder(let url): "\(url.relativePath) exists and is not a folder; choose a folder for the outputs"
        case .busy(let folder, let holder):
            "\(folder.relativePath) is being written by \(MessageText.shown(holder, limit: 200)); wait for it to end, or choose another \(setting: "out")"
        case .otherCommand(let folder, let command):
            "\(folder.relativePath) holds the outputs of `cartpole \(command)`; choose another \(setting: "out"), or remove them first"
        case .unlisted(let url):
            "\(url.relativePath) is in the way and no manifest.json says this command wrote it; move it, or choose another \(setting: "out")"
        case .badManifest(let url, let reason): "\(url.relativePath): \(reason)"
        case .changed(let url, let command):
            "\(url.relativePath) has changed since `cartpole \(command)` wrote it (it does not match the manifest.json beside it); run that command again"
        case .insideAnother(let folder, let outer, let command):
            "\(folder.relativePath) lies inside the outputs of `cartpole \(command)` in \(outer.relativePath), whose next run would replace them; choose another \(setting: "out") outside them"
        case .commitFailed(let folder, let reason): "cannot move the outputs into \(folder.relativePath): \(reason)"
        }
    }
}
