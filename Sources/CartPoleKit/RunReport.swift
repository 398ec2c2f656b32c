import Agent
import FileFormats
import Foundation

/// `index.html`: one page with the summary table, the training plot and every episode's video.
/// Self-contained: no scripts, no network; it refers only to the files beside it.
package enum RunReport {
    package static func html(_ summary: RunSummary, plot: String) -> String {
        let escape = TextCell.html
        func number(_ value: Double) -> String { String(format: "%g", value) }
        let c = summary.configuration.values
        let t = summary.training
        let rows: [(String, String)] = [
            ("frames trained", "\(t.frames) of \(c.frames)"), ("episodes", "\(t.episodes)"),
            ("updates", "\(t.updates)"),
            ("training time", String(format: "%.2f s (%.0f frames/s)", t.wallSeconds, t.framesPerSecond)),
            ("mean of the last 10 training scores", t.meanOfLast10Scores.map(number) ?? "-"),
            (
                "test return",
                summary.testEpisodes.isEmpty
                    ? "none recorded"
                    : String(
                        format: "mean %g, std %g, min %g, max %g", summary.testReturns.mean,
                        summary.testReturns.std, summary.testReturns.min, summary.testReturns.max)
            ),
            (
                "evaluation during training",
                summary.evaluation.flatMap { e in
                    guard let last = e.points.last else { return nil }
                    return String(
                        format: "%d episodes every %d frames; last (frame %d): mean %g", e.episodes, e.every,
                        last.frame, last.mean)
                        + (e.best.map {
                            String(format: "; best (frame %d): mean %g, best.safetensors", $0.frame, $0.mean)
                        } ?? "")
                } ?? "off"
            ),
            ("tool", "\(summary.tool) \(summary.version)"),
        ]
        // A component's own settings only when it is on: a plain DQN's page lists no atoms.
        let settings = TrainingConfiguration.settings.filter { $0.applies(in: c) }.map {
            ($0.label, $0.value(in: c).text)
        }
        func table(_ rows: [(String, String)]) -> String {
            rows.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined(separator: "\n")
        }
        let videos = summary.testEpisodes.enumerated().map { index, episode in
            """
            <figure>\(player(episode.file))
            <figcaption>episode \(index): return \(number(episode.returnValue)), length \(episode.length) \
            — \(ReportPage.link(episode.file, episode.file))</figcaption></figure>
            """
        }.joined(separator: "\n")
        let files =
            ["summary.json", "manifest.json", "metrics.csv", "agent.safetensors"]
            + (summary.evaluation == nil ? [] : ["eval.csv", "best.safetensors"])
            + (summary.files.contains("checkpoints") ? ["checkpoints"] : [])
            + (summary.files.contains(TensorBoardEventWriter.fileName) ? [TensorBoardEventWriter.fileName] : [])
        let links = files.map { ReportPage.link($0, $0) }.joined(separator: " · ")
        return ReportPage.html(
            title: "CartPole \(c.algorithm) run",
            body: """
                <h1>CartPole \(escape(c.algorithm))</h1>
                \(summary.state == "interrupted" ? interruptedNote(frames: t.frames, of: c.frames) : "")
                <table>
                \(table(rows))
                </table>
                <h2>Settings</h2>
                <table>
                \(table(settings))
                </table>
                <h2>Training</h2>
                \(ReportPage.figure(plot, alt: "training scores, loss and epsilon", caption: trainingCaption))
                \(summary.files.contains("eval.png") ? evaluationFigure(firstSeed: c.seed) : "")
                \(summary.files.first { $0.hasPrefix("training-progress.") }.map(progressVideo) ?? "")
                \(summary.files.contains("qmap.png") ? qMapSection : "")
                \(videos.isEmpty ? "" : "<h2>Test episodes</h2>\n<div class=\"videos\">\n\(videos)\n</div>")
                <p>\(links)</p>
                """)
    }

    /// A video as the browser plays it: MP4 and WebM in a player, a GIF (an image) as an image.
    static func player(_ file: String) -> String {
        let source = TextCell.html(TextCell.href(file) ?? "")
        return file.hasSuffix(".gif")
            ? "<img src=\"\(source)\" alt=\"\(TextCell.html(file))\">"
            : "<video controls preload=\"metadata\" src=\"\(source)\"></video>"
    }

    static let trainingCaption =
        "Training, against environment frames: each training episode's return with its 10-episode mean and the "
        + "reward threshold, the evaluations made during training (their mean, with a min-to-max band); the loss "
        + "of each group of updates (mean, 10% to 90% band, largest); epsilon."

    /// The final agent's evaluation, as `cartpole eval --plot` draws it.
    static func evaluationFigure(firstSeed seed: UInt64) -> String {
        let n = RunWorkflow.finalEvaluationEpisodes
        let first = RunWorkflow.finalEvaluationSeed(trainingSeed: seed)
        return ReportPage.figure(
            "eval.png", alt: "histogram of the final agent's returns",
            caption:
                "The final agent's returns over \(n) greedy episodes (seeds \(first) to \(first + UInt64(n - 1))), "
                + "as cartpole eval --agent agent.safetensors --plot draws them: the episodes that fell in bins of "
                + "their returns, those cut at the time limit in a bar of their own, and the reward threshold."
        )
    }

    static let qMapSection = """
        <h2>Q-function of the final agent</h2>
        \(ReportPage.figure(
            "qmap.png", alt: "greedy action and max Q over pole angle and angular velocity",
            caption: "The final agent's greedy action and its largest Q-value over pole angle and angular velocity, "
                + "for the cart at rest at the centre, with a greedy episode projected onto that slice and the angles "
                + "at which an episode ends."))
        """

    static func interruptedNote(frames: Int, of total: Int) -> String {
        "<p><strong>Interrupted</strong> after \(frames) of \(total) frames: this page shows what was done until then.</p>"
    }

    /// The checkpoints' episodes one after another.
    static func progressVideo(_ file: String) -> String {
        """
        <h2>Learning, checkpoint by checkpoint</h2>
        <figure>\(player(file))</figure>
        """
    }
}
