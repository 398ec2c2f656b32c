import Agent
import OutputFiles

/// The memory a reader may take for what a file describes, checked before it is taken: a file's sizes and
/// shapes are claims, and a small file can claim a lot.
enum MemoryBudget {
    /// Refuses `bytes` of memory for `what` when this process may not take them (`Platform.memoryBytes`).
    static func check(_ bytes: Int, for what: String) throws(FileFormatError) {
        let available = Platform.memoryBytes
        guard bytes > available else { return }
        throw FileFormatError(
            "\(what) needs about \(MessageText.gibibytes(bytes)) of memory, more than the "
                + "\(MessageText.gibibytes(available)) this process may take")
    }
}
