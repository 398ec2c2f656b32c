import Dispatch
import Foundation
import NetworkKernels
import Synchronization

/// A second thread for the part of an update that does not depend on the rest: `run` hands it a job (the
/// next states' pass through the target network), `wait` returns once the job is done, while the caller's
/// thread does other work (the online network's pass). A job runs the same code whichever thread runs
/// it, so the results are the same bits as with one thread.
///
/// Between jobs the thread spins (an update hands it a job every few dozen microseconds, sooner than a
/// sleeping thread wakes) and sleeps after about a millisecond without one. `close()` ends it; its owner
/// calls it once no job is under way.
final class Companion: @unchecked Sendable {
    private enum State: Int { case idle, posted, done, closing }
    private let state = Atomic<Int>(State.idle.rawValue)
    /// Set by the thread before it sleeps; whoever clears it (the thread itself, or `run` and `close`, which
    /// then signal `wake`) settles whether it is woken.
    private let sleeping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// Written by `run` before the job is posted, read by the thread after it sees it posted.
    private var job: (() -> Void)?
    /// Spins before the thread sleeps (each a `pause`, about 10-40 ns).
    private static let spinsBeforeSleeping = 50_000

    init() {
        let thread = Thread { [self] in loop() }
        thread.stackSize = 8 << 20
        thread.name = "cartpole.companion"
        thread.start()
    }

    /// Starts `job` on the companion thread; the previous job must have been waited for.
    func run(_ job: @escaping () -> Void) {
        precondition(state.load(ordering: .acquiring) == State.idle.rawValue, "one job at a time")
        self.job = job
        post(.posted)
    }

    /// Returns once the job `run` started is done.
    func wait() {
        var spins = 0
        while state.load(ordering: .acquiring) != State.done.rawValue {
            spins += 1
            if spins % 4096 == 0 { sched_yield() } else { network_kernels_spin_pause() }
        }
        state.store(State.idle.rawValue, ordering: .relaxed)
    }

    /// Ends the thread (no job may be under way).
    func close() {
        precondition(state.load(ordering: .acquiring) != State.posted.rawValue, "a job is under way")
        post(.closing)
    }

    private func post(_ new: State) {
        state.store(new.rawValue, ordering: .sequentiallyConsistent)
        if sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.signal() }
    }

    private func loop() {
        while true {
            var spins = 0
            var current = state.load(ordering: .acquiring)
            while current != State.posted.rawValue && current != State.closing.rawValue {
                spins += 1
                if spins < Self.spinsBeforeSleeping {
                    network_kernels_spin_pause()
                } else {
                    sleeping.store(true, ordering: .sequentiallyConsistent)
                    current = state.load(ordering: .sequentiallyConsistent)
                    if current == State.posted.rawValue || current == State.closing.rawValue {
                        // Posted meanwhile: when the poster cleared `sleeping`, its signal is owed to us.
                        if !sleeping.exchange(false, ordering: .sequentiallyConsistent) { wake.wait() }
                        break
                    }
                    wake.wait()
                    spins = 0
                }
                current = state.load(ordering: .acquiring)
            }
            if current == State.closing.rawValue { return }
            job?()
            job = nil
            state.store(State.done.rawValue, ordering: .releasing)
        }
    }
}
