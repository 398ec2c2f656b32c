import Agent
import Foundation
import OutputFiles
import Render

/// The compare folder's `index.html`: the table, the figure, a grid video of each variant's agent playing
/// from one start state, and a link to every run's folder. Self-contained: no scripts, no network.
package enum CompareReport {
    package static let fileName = "index.html"
    package static let videoName = "compare-grid.mp4"

    /// A run of the comparison as the report links it: its variant, seed and folder (relative to the page).
    package struct Run {
        package var variant: String
        package var seed: UInt64
        package var folder: String
    }

    /// Writes the grid video of `agents` (one per variant, named by it) and the page into `folder`.
    package static func write(
        _ outputs: CompareOutputs, runs: [Run], agents: [GridVideo.Player], seed: UInt64, into folder: URL,
        warn: @escaping (String) -> Void = { _ in }
    ) throws {
        var played: [GridVideo.Episode] = []
        if !agents.isEmpty {
            var grid = GridVideo(agents: agents, environment: outputs.environment, seed: seed)
            grid.warn = warn
            played = try grid.write(
                to: folder.appendingPathComponent(videoName), width: 1200, height: 800, settings: VideoSettings()
            ) { false }
        }
        let page = html(outputs, runs: runs, agents: zip(agents, played).map { ($0.name, $1) }, seed: seed)
        try AtomicFile.write(Data(page.utf8), to: folder.appendingPathComponent(fileName))
    }

    static func html(
        _ outputs: CompareOutputs, runs: [Run], agents: [(name: String, episode: GridVideo.Episode)], seed: UInt64
    ) -> String {
        let escape = TextCell.html
        let (header, rows) = outputs.table
        let table =
            "<tr>" + header.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
            + rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>" }.joined(separator: "\n")
        let video =
            agents.isEmpty
            ? ""
            : """
            <h2>The variants' agents, from one start state</h2>
            <p>Each variant's median run (the one whose final evaluation is the variant's median; of an even number, \
            the lower of the middle two), its final agent, one greedy episode from the start state of seed \(seed): \
            \(agents.map { "\(escape($0.name)): \(escape($0.episode.ending.text))" }.joined(separator: "; ")).</p>
            <figure><video class="wide" controls preload="metadata" src="\(videoName)"></video></figure>
            """
        let links = Dictionary(grouping: runs, by: \.variant)
        let runList = outputs.comparison.variants.map { variant in
            let items = (links[variant.name] ?? []).map { ReportPage.link($0.folder, "seed \($0.seed)") }
            return "<li>\(escape(variant.name)): \(items.joined(separator: " · "))</li>"
        }.joined(separator: "\n")
        return ReportPage.html(
            title: "CartPole comparison over seeds",
            body: """
                <h1>Comparison over seeds</h1>
                <p>Final evaluation return per run; intervals are 95% stratified-bootstrap confidence intervals.</p>
                <table>
                \(table)
                </table>
                <h2>Curves, interval estimates and performance profiles</h2>
                \(ReportPage.figure(
                    "compare.png", alt: "IQM curves, interval estimates and performance profiles",
                    caption: "Top left: the IQM over runs of the evaluation return against frames, with its 95% band; "
                        + "top right and bottom left: the final evaluation's IQM and mean per variant with 95% intervals; "
                        + "bottom right: the performance profile, the fraction of runs whose final evaluation exceeds τ, "
                        + "with its 95% band."))
                \(video)
                \(runs.isEmpty ? "" : "<h2>Runs</h2>\n<ul>\n\(runList)\n</ul>")
                <p><a href="compare.csv">compare.csv</a> · <a href="compare.md">compare.md</a>\(runs.isEmpty ? "" : " · <a href=\"plan.json\">plan.json</a>") · <a href="manifest.json">manifest.json</a></p>
                """)
    }
}
