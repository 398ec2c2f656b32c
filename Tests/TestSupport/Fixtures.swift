import Foundation
import Synchronization

/// Where the Gymnasium/PyTorch conformance fixtures are: `$CARTPOLE_FIXTURES` when set, else the
/// repository's own copy in `Tests/Fixtures` (made by `scripts/make-fixtures`), so a plain clone tests.
public enum Fixtures {
    public static var directory: URL {
        if let path = ProcessInfo.processInfo.environment["CARTPOLE_FIXTURES"], !path.isEmpty {
            return URL(fileURLWithPath: path)
        }
        return packageRoot.appendingPathComponent("Tests/Fixtures")
    }

    /// The package root, found from this source file's location.
    public static var packageRoot: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    /// A fixture file decoded as JSON.
    public static func json(_ name: String) throws -> JSON {
        try JSON.decode(Data(contentsOf: directory.appendingPathComponent(name)), name: name)
    }

    /// Where a gallery test writes what it makes: `$CARTPOLE_GALLERY/NAME`, kept to be looked at, when that is
    /// set; else a temporary folder.
    public static func galleryDirectory(_ name: String) throws -> URL {
        guard let path = ProcessInfo.processInfo.environment["CARTPOLE_GALLERY"] else {
            return try temporaryDirectory(name)
        }
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh, empty temporary folder, removed with everything in it when the test process ends: a test run
    /// leaves nothing behind, and no test removes its own.
    public static func temporaryDirectory(_ label: String = "test") throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("cartpole-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        TemporaryFolders.shared.add(url)
        return url
    }
}

/// The temporary folders the tests made, removed at the process's exit.
final class TemporaryFolders: Sendable {
    static let shared = TemporaryFolders()
    private let folders = Mutex<[URL]>([])

    private init() {
        atexit { TemporaryFolders.shared.removeAll() }
    }

    func add(_ url: URL) { folders.withLock { $0.append(url) } }

    func removeAll() {
        for url in folders.withLock({ $0 }) { try? FileManager.default.removeItem(at: url) }
    }
}
