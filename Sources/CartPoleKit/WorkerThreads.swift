import Dispatch
import Foundation
import Synchronization

/// Work items 0..<count taken in order by up to `threads` threads of their own, each taking the next item
/// until none is left or `shouldStop` says so. Threads rather than Dispatch's global queue, which runs no
/// more tasks at once than there are cores: recording runs one more encoder than cores.
enum WorkerThreads {
    /// Starts the threads and returns at once; the group is left when every thread has ended.
    @discardableResult
    static func start(
        count: Int, threads: Int, shouldStop: @escaping @Sendable () -> Bool,
        _ body: @escaping @Sendable (Int) -> Void
    ) -> DispatchGroup {
        let next = Atomic<Int>(0)
        let group = DispatchGroup()
        for _ in 0..<min(threads, count) {
            group.enter()
            Thread {
                defer { group.leave() }
                while !shouldStop() {
                    let index = next.add(1, ordering: .relaxed).oldValue
                    guard index < count else { return }
                    body(index)
                }
            }.start()
        }
        return group
    }
}
