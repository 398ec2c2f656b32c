import Foundation
import OutputFiles

/// Files read as input, checked against the manifest of the result folder they lie in (`RunManifest.standing`):
/// a file changed since its command wrote it is refused; one its folder's manifest does not list is not
/// part of that run.
package enum ResultInput {
    /// A file the user named: refused when changed; read with a note when unlisted or from an interrupted run.
    package static func check(_ url: URL, note: (String) -> Void) throws {
        switch try RunManifest.standing(of: url) {
        case .foreign:
            break
        case .unlisted(let manifest):
            // A file that is not there is its reader's to name (a mistyped path is no file of another run).
            guard FileManager.default.fileExists(atPath: url.path) else { break }
            note(
                "note: \(url.relativePath) is not among the outputs of `cartpole \(manifest.command)` "
                    + "that the manifest.json beside it lists; reading it anyway")
        case .listed(let manifest):
            if manifest.state == .interrupted {
                note("note: \(url.relativePath) is from an interrupted `cartpole \(manifest.command)`")
            }
        }
    }

    /// Files found in a folder: those that belong to its run (or to no run of ours), with a note naming how
    /// many others were passed over.
    package static func belonging(_ urls: [URL], in folder: String, note: (String) -> Void) -> [URL] {
        var kept: [URL] = []
        var passed: [String] = []
        for url in urls {
            switch try? RunManifest.standing(of: url) {
            case .foreign?, .listed?: kept.append(url)
            case .unlisted?, nil: passed.append(url.lastPathComponent)
            }
        }
        if !passed.isEmpty {
            note(
                "note: passed over \(passed.count) file(s) in \(folder) that its manifest.json does not list "
                    + "or that changed since: \(passed.prefix(5).joined(separator: ", "))\(passed.count > 5 ? ", ..." : "")"
            )
        }
        return kept
    }
}
