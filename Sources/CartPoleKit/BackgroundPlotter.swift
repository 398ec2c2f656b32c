import Agent
import Dispatch
import Foundation
import Synchronization

/// Renders the training plot on another thread, so training (one core) never waits for it.
/// A refresh asked for while one is still being drawn is skipped: the next one shows newer data anyway.
package final class BackgroundPlotter: Sendable {
    private let folder: URL
    private let environment: EnvironmentID
    private let figures: FigureOutput
    private let queue = DispatchQueue(label: "cartpole.plot")
    private let group = DispatchGroup()
    private let state = Mutex<(busy: Bool, error: String?)>((false, nil))

    /// Draws training.* into `folder`: the PNG on each refresh, every format of `figures` on the last.
    package init(folder: URL, environment: EnvironmentID, figures: FigureOutput = .png) {
        self.folder = folder
        self.environment = environment
        self.figures = figures
    }

    /// Starts drawing `metrics` unless a drawing is under way; `force` waits for it instead of skipping,
    /// and the outcome of this drawing (the final one) is what `finish()` reports.
    package func refresh(_ metrics: TrainingMetrics, evaluation: [EvaluationPoint] = [], force: Bool = false) {
        if force {
            group.wait()
            state.withLock { $0.error = nil }
        }
        let start = state.withLock { current -> Bool in
            if current.busy { return false }
            current.busy = true
            return true
        }
        guard start else { return }
        group.enter()
        queue.async { [self] in
            defer {
                state.withLock { $0.busy = false }
                group.leave()
            }
            let drawn = force ? figures : FigureOutput(formats: [.png], size: figures.size)
            do {
                try TrainingPlot.write(
                    metrics, evaluation: evaluation, environment: environment, figures: drawn, into: folder)
            } catch {
                state.withLock { if $0.error == nil { $0.error = "\(error)" } }
            }
        }
    }

    package struct Failed: Error, CustomStringConvertible { package let description: String }

    /// Waits for the drawing under way, after which nothing writes into the folder.
    package func wait() { group.wait() }

    /// Waits for the drawing under way and reports the first failure, if any.
    package func finish() throws {
        wait()
        if let error = state.withLock({ $0.error }) { throw Failed(description: error) }
    }
}
