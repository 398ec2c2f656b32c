import Dispatch
import Foundation
import NetworkKernels
import Synchronization

/// A second thread for parts of an update that do not depend on each other: `both` runs one on it and one
/// on the caller's thread (the target network's pass beside the online network's). A job runs the same
/// code whichever thread runs it, so the results are the same bits as with one thread.
///
/// Between jobs the thread spins (an update hands it a job every few dozen microseconds, sooner than a
/// sleeping thread wakes) and sleeps after about a millisecond without one. `close()` ends it; its owner
/// calls it once no job is under way.
package final class Companion: @unchecked Sendable {
    private enum State: Int { case idle, posted, done, closing }
    private let state = Atomic<Int>(State.idle.rawValue)
    /// Set by the thread before it sleeps; whoever clears it (the thread itself, or `both` and `close`, which
    /// then signal `wake`) settles whether it is woken.
    private let sleeping = Atomic<Bool>(false)
    private let wake = DispatchSemaphore(value: 0)
    /// The job `both` posts, which `both` owns until it is done: the thread reads it through this pointer,
    /// so that the two threads share no Swift reference (whose retains and releases the optimizer may move
    /// past the atomic stores that order the rest).
    private let job = Atomic<UnsafeRawPointer?>(nil)

    private final class Job {
        let body: () -> Void
        init(_ body: @escaping () -> Void) { self.body = body }
    }
    /// Spins before the thread sleeps (each a `pause`, about 10-40 ns).
    private static let spinsBeforeSleeping = 50_000

    /// One spin of a wait: a `pause`, and every 64th time the core to any other thread that wants it (at
    /// once back when none does), so that a busy machine, other trainings or tests beside this one, loses
    /// little to the spinning.
    private static func pause(_ spins: Int) {
        if spins % 64 == 0 { sched_yield() } else { network_kernels_spin_pause() }
    }

    init() {
        let thread = Thread { [self] in loop() }
        thread.stackSize = 8 << 20
        thread.name = "cartpole.companion"
        thread.start()
    }

    /// Runs `other` on the companion thread while `here` runs on this one; returns when both are done.
    /// `here` may call `wait()` to have `other` done before it goes on. `other` must touch nothing `here`
    /// writes, and the other way round.
    func both<Result>(_ other: @escaping () -> Void, meanwhile here: () -> Result) -> Result {
        precondition(state.load(ordering: .acquiring) == State.idle.rawValue, "one job at a time")
        let posted = Job(other)
        return withExtendedLifetime(posted) {
            job.store(UnsafeRawPointer(Unmanaged.passUnretained(posted).toOpaque()), ordering: .releasing)
            post(.posted)
            let result = here()
            wait()
            return result
        }
    }

    /// `both` on `companion`, or without one `other` then `here` on this thread.
    static func both<Result>(
        on companion: Companion?, _ other: @escaping () -> Void, meanwhile here: () -> Result
    ) -> Result {
        guard let companion else {
            other()
            return here()
        }
        return companion.both(other, meanwhile: here)
    }

    /// Returns once the job `both` started is done (at once when it was waited for already).
    func wait() {
        var spins = 0
        while true {
            let current = state.load(ordering: .acquiring)
            if current == State.idle.rawValue { return }
            if current == State.done.rawValue { break }
            spins += 1
            Self.pause(spins)
        }
        state.store(State.idle.rawValue, ordering: .releasing)
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

    /// Runs the job posted, which `both` keeps alive until it is done.
    private func runJob() {
        guard let pointer = job.exchange(nil, ordering: .acquiring) else { return }
        Unmanaged<Job>.fromOpaque(pointer)._withUnsafeGuaranteedRef { $0.body() }
    }

    private func loop() {
        while true {
            var spins = 0
            var current = state.load(ordering: .acquiring)
            while current != State.posted.rawValue && current != State.closing.rawValue {
                spins += 1
                if spins < Self.spinsBeforeSleeping {
                    Self.pause(spins)
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
            runJob()
            state.store(State.done.rawValue, ordering: .releasing)
        }
    }
}
