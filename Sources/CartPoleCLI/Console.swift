import CartPoleKit
import Foundation
import OutputFiles
import Synchronization

/// Where the tool talks: messages and progress to stderr, results to stdout.
///
/// Streams are written with `write(2)` directly. A failed write to stderr is ignored: a closed or full
/// stderr (a cron job, a log on a full disk) never stops the work. A failed write to stdout is the loss of
/// a result, so it is remembered and the command then fails (`checkResultsDelivered`).
enum Console {
    /// The errno of the first failed write to stdout (0: none).
    private static let resultFailure = Atomic<Int32>(0)

    /// Call first: gives a closed standard stream /dev/null, so that no file the tool opens later takes
    /// its number (and receives messages); a closed stdout counts as a failed result. A write to a closed
    /// pipe then fails with EPIPE instead of killing the process with SIGPIPE.
    static func prepareStreams() {
        for descriptor in [STDIN_FILENO, STDOUT_FILENO, STDERR_FILENO]
        where fcntl(descriptor, F_GETFD) == -1 && errno == EBADF {
            let null = open("/dev/null", descriptor == STDIN_FILENO ? O_RDONLY : O_WRONLY)
            if null >= 0 && null != descriptor {
                dup2(null, descriptor)
                close(null)
            }
            if descriptor == STDOUT_FILENO { resultFailure.store(EBADF, ordering: .relaxed) }
        }
        signal(SIGPIPE, SIG_IGN)
    }

    /// A message for stderr, on one line (after any leading line breaks of its own): whatever it took from
    /// input, control characters are escaped and the line is cut at 2000 characters (`MessageText.shown`).
    static func message(_ text: String) {
        let breaks = text.prefix { $0 == "\n" }
        _ = write(STDERR_FILENO, breaks + MessageText.shown(text.dropFirst(breaks.count), limit: 2000) + "\n")
    }

    /// Writes without a newline (progress lines redrawn with a carriage return).
    static func status(_ text: String) {
        _ = write(STDERR_FILENO, text)
    }

    /// A line of results for stdout.
    static func result(_ text: String, terminator: String = "\n") {
        let code = write(STDOUT_FILENO, MessageText.terminal(text, lineLimit: 20000) + terminator)
        if code != 0 { _ = resultFailure.compareExchange(expected: 0, desired: code, ordering: .relaxed) }
    }

    /// Throws when a result could not be written to stdout.
    static func checkResultsDelivered() throws {
        let code = resultFailure.load(ordering: .relaxed)
        guard code == 0 else { throw ResultsLost(reason: String(cString: strerror(code))) }
    }

    struct ResultsLost: Error, CustomStringConvertible {
        let reason: String
        var description: String { "cannot write the results to standard output (\(reason)); the files were written" }
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) != 0 }

    /// Writes all of `text`; 0, or the errno of the failure.
    private static func write(_ descriptor: Int32, _ text: String) -> Int32 {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return 0
    }
}
