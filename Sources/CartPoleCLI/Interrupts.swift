import CartPoleKit
import Dispatch
import Foundation
import Synchronization

/// SIGINT and SIGTERM turned into a flag that long work polls, so it can stop cleanly and keep what is done.
/// A second signal ends the process at once.
final class Interrupts: Sendable {
    private let count = Atomic<Int>(0)
    private let lastSignal = Atomic<Int32>(0)
    /// The dispatch sources must live as long as the handlers should.
    nonisolated(unsafe) private var sources: [DispatchSourceSignal] = []

    /// Starts listening; until then the signals keep their default behaviour. Call once, from the main thread.
    func install() {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler { [self] in received(signalNumber) }
            source.resume()
            sources.append(source)
        }
    }

    /// The signal number is stored before the count is raised (release), and readers see the count raised
    /// (acquire) before they read the number, so a reader that sees a request also sees which signal it was.
    private func received(_ signalNumber: Int32) {
        lastSignal.store(signalNumber, ordering: .releasing)
        if count.add(1, ordering: .acquiringAndReleasing).newValue > 1 {
            Console.message("\naborted")
            _exit(128 + signalNumber)
        }
    }

    var requested: Bool { count.load(ordering: .acquiring) > 0 }

    /// The exit status for the signal received: 130 for SIGINT, 143 for SIGTERM.
    var exitStatus: Int32 {
        _ = count.load(ordering: .acquiring)
        return 128 + lastSignal.load(ordering: .acquiring)
    }
}
