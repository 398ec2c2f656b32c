import Agent
import Foundation
import OutputFiles

/// The environment another tool's log says it was made in, where it says so: Stable-Baselines3's
/// monitor.csv in its first line (`#{"t_start": ..., "env_id": "CartPole-v1"}`), CleanRL's run folder by
/// its name (`CartPole-v1__dqn__1__1700000000`: environment, experiment, seed, time), the RL Zoo's by its
/// name (`CartPole-v1_1` for a run's logs, `CartPole-v1` above its TensorBoard runs). A log that says
/// nothing but holds a return above 200 is CartPole-v1's (`EpisodeLog.read`).
package enum LoggedEnvironment {
    /// The environment id a monitor.csv's first line names, or nil when it names none (or is not JSON).
    static func monitorHeader(_ line: String) -> String? {
        // SB3 writes a short line; a longer one is not parsed at all.
        guard line.hasPrefix("#{"), line.utf8.count <= 1 << 16,
            let object = try? JSONSerialization.jsonObject(with: Data(line.utf8.dropFirst())) as? [String: Any],
            let id = object["env_id"] as? String, !id.isEmpty
        else { return nil }
        return id
    }

    /// The environment id a folder's name gives: CleanRL's run name gives any id (a run of another
    /// environment is then refused); a name that is `ID` or `ID_N` gives only CartPole's, since such a name
    /// may mean anything else.
    package static func folderName(_ name: String) -> String? {
        let parts = name.components(separatedBy: "__")
        if parts.count >= 4, isID(parts[0]), isDigits(parts[parts.count - 1]), isDigits(parts[parts.count - 2]) {
            return parts[0]
        }
        var id = Substring(name)
        if let underscore = name.lastIndex(of: "_"), isDigits(name[name.index(after: underscore)...]) {
            id = name[..<underscore]
        }
        return EnvironmentID(rawValue: String(id))?.rawValue
    }

    /// The nearest folder above `url`, up to `levels` folders and never above `root`, whose name gives an
    /// environment id, with where it was read.
    package static func folders(above url: URL, levels: Int, root: URL?) -> (id: String, source: String)? {
        var folder = url.deletingLastPathComponent().standardizedFileURL
        let top = root?.standardizedFileURL.path
        for _ in 0..<levels {
            let name = folder.lastPathComponent
            if let id = folderName(name) { return (id, "its folder '\(MessageText.shown(name))'") }
            guard folder.path != top, folder.path != "/" else { break }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }

    /// The CartPole version an id names, or an error naming the environment a log is of.
    static func cartPole(_ id: String, source: String, path: String) throws(AgentError) -> EnvironmentID {
        guard let known = EnvironmentID(rawValue: id) else {
            throw AgentError.io(
                path: path,
                reason: SettingText(
                    "\(source) says it is a log of '\(MessageText.shown(id))', not of "
                        + EnvironmentID.allCases.map(\.rawValue).joined(separator: " or ")))
        }
        return known
    }

    /// A Gymnasium id's shape: a name of letters, digits and `-_.:`, then `-v` and a version.
    private static func isID(_ text: String) -> Bool {
        guard let dash = text.range(of: "-v", options: .backwards), dash.lowerBound > text.startIndex,
            isDigits(text[dash.upperBound...]), text.first?.isLetter == true
        else { return false }
        return text[..<dash.lowerBound].allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.:".contains($0)) }
    }

    /// Whether `text` is one or more ASCII digits.
    private static func isDigits(_ text: some StringProtocol) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
