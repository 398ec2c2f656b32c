import Foundation

/// A file that could not be written, in words for the user: the path, the step, the system's reason.
package struct OutputError: Error, CustomStringConvertible, Equatable {
    package let path: String
    package let reason: String

    /// - Parameters:
    ///   - url: the file concerned;
    ///   - step: what was being done ("writing", "renaming");
    ///   - code: the system's error number, whose text follows the step; 0 for none.
    init(_ url: URL, _ step: String, errno code: Int32 = errno) {
        path = url.relativePath
        reason = code == 0 ? step : "\(step): \(String(cString: strerror(code)))"
    }

    package var description: String { "\(path): \(reason)" }
}
