import Foundation

/// Where the tool talks: messages and progress to stderr, results to stdout.
enum Console {
    static func message(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes without a newline (progress lines redrawn with a carriage return).
    static func status(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
