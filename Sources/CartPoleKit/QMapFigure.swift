import Agent
import Foundation
import Render

/// The Q-map figure: greedy action and max Q panels over the same axes.
package enum QMapFigure {
    /// The map of `network` with a greedy episode from `seed` drawn over it, written as qmap.* into `folder`.
    package static func write(
        _ network: any QFunction, environment: EnvironmentID, seed: UInt64, figures: FigureOutput = .png,
        into folder: URL, cartPosition: Double = 0, cartVelocity: Double = 0
    ) throws {
        let map = QMap(network, cartPosition: cartPosition, cartVelocity: cartVelocity)
        let episode = try greedyPath(network, environment: environment, seed: seed)
        try figures.write(
            figure(map, path: episode.path, episodeReturn: episode.return, seed: seed), named: "qmap",
            defaultSize: defaultSize, into: folder)
    }

    /// One agent's figure's size unless one is asked for.
    package static let defaultSize = FigureSize.pixels(width: 1600, height: 640)

    /// The most agents one figure shows (more are subsampled evenly, said in a note and the caption).
    package static let mostPanels = 8

    /// A greedy episode's (pole angle, angular velocity) at every state, and its return, to draw over a map.
    package static func greedyPath(_ network: any QFunction, environment: EnvironmentID, seed: UInt64) throws
        -> (path: [(angle: Double, velocity: Double)], return: Double)
    {
        var player = try GreedyPlayer(network: network, environment: environment, seed: seed)
        var path: [(angle: Double, velocity: Double)] = []
        let episode = player.play { step in path.append((step.state.theta, step.state.thetaDot)) }
        return (path, episode.return)
    }

    /// A map's two panels, greedy action and max Q, with the greedy episode from `seed` projected onto
    /// both; `range` is the max-Q colour scale (by default the map's own).
    package static func figure(
        _ map: QMap, path: [(angle: Double, velocity: Double)], episodeReturn: Double, seed: UInt64? = nil,
        range: ClosedRange<Double>? = nil
    ) -> PlotFigure {
        let x = map.angles
        let y = map.angularVelocities
        // The path, clipped to the map, in white; its first state white, its last black (visible on the
        // dashed red termination lines, where it often is).
        let inside = path.filter { x.contains($0.angle) && y.contains($0.velocity) }
        var marks: [PlotSeries] = []
        if let first = inside.first, let last = inside.last {
            marks = [
                PlotSeries(
                    "greedy episode, projected (return \(Int(episodeReturn)))", inside.map(\.velocity),
                    x: inside.map(\.angle), colour: Colour(1, 1, 1), lineWidth: 1.5),
                PlotSeries("its first state", [first.velocity], x: [first.angle], colour: Colour(1, 1, 1)),
                PlotSeries("its last state", [last.velocity], x: [last.angle], colour: Colour(0, 0, 0)),
            ]
        }
        return PlotFigure(
            panels: [
                PlotPanel(
                    title: "greedy action, \(slice(map))", xLabel: xLabel, yLabel: yLabel, series: marks,
                    heatmap: PlotHeatmap(
                        values: map.greedyActions, x: x, y: y,
                        colours: .categories([("left", .blue), ("right", .orange)]), label: "action"),
                    references: terminationLines, showsLegend: true),
                maxQPanel(map, title: "max Q", range: range ?? colourRange([map]), series: marks),
            ] + spreadPanel(map, series: marks), caption: caption(map, seed: seed), legendBelow: true)
    }

    /// The slice of the state space a map is, for a title: the cart's position and velocity.
    static func slice(_ map: QMap) -> String {
        String(format: "x = %g m, ẋ = %g m/s", map.cartPosition, map.cartVelocity)
    }

    /// What a map shows: the slice of the state space it is, and that the episode is projected onto it.
    static func caption(_ map: QMap, seed: UInt64?) -> String {
        "Q over pole angle and angular velocity with the cart at \(slice(map))"
            + (seed.map { "; the greedy episode from seed \($0) is projected onto it (its cart moves)" } ?? "")
    }

    /// Writes the maps of `agents` into `folder`: qmap.* with one agent's two panels, or several agents'
    /// max-Q panels on one colour scale (at most `mostPanels`, chosen evenly); with `video`, qmap.mp4
    /// showing each agent's two panels for a second, all on one colour scale. Each agent's greedy path
    /// starts from `seed`, by default its own. `progress` hears each map drawn into the video; `note`, what
    /// was left out. Returns the files written.
    package static func write(
        _ agents: [GridVideo.Player], environment: EnvironmentID, seed: UInt64?, cartPosition: Double = 0,
        cartVelocity: Double = 0, video: Bool, figures: FigureOutput = .png, into folder: URL,
        progress: (Int, Int) -> Void = { _, _ in }, note: (String) -> Void = { _ in }
    ) throws -> [URL] {
        let maps = agents.map { QMap($0.network, cartPosition: cartPosition, cartVelocity: cartVelocity) }
        let range = colourRange(maps)
        if video {
            let url = folder.appendingPathComponent("qmap.mp4")
            let (width, height) = defaultSize.pixelSize
            let encoder = try VideoEncoder(url: url, width: width, height: height, settings: VideoSettings(fps: 25))
            for (index, (agent, map)) in zip(agents, maps).enumerated() {
                let start = seed ?? agent.seed
                let episode = try greedyPath(agent.network, environment: environment, seed: start)
                var figure = figure(map, path: episode.path, episodeReturn: episode.return, seed: start, range: range)
                figure.panels[0].title = "\(agent.name): greedy action, \(slice(map))"
                let canvas = try figure.render(width: width, height: height)
                for _ in 0..<25 { try encoder.append(canvas) }
                progress(index + 1, agents.count)
            }
            try encoder.finish()
            return [url]
        }
        if agents.count == 1 {
            let start = seed ?? agents[0].seed
            let episode = try greedyPath(agents[0].network, environment: environment, seed: start)
            return try figures.write(
                figure(maps[0], path: episode.path, episodeReturn: episode.return, seed: start), named: "qmap",
                defaultSize: defaultSize, into: folder)
        }
        let shown =
            agents.count > mostPanels ? RecordWorkflow.evenly(mostPanels, of: agents.count) : Array(agents.indices)
        if shown.count < agents.count {
            note(
                "note: qmap.png shows \(shown.count) of the \(agents.count) agents, chosen evenly from the first to the "
                    + "last (qmap --video shows every one)")
        }
        var panels = shown.map { maxQPanel(maps[$0], title: "\(agents[$0].name): max Q", range: range, series: []) }
        for i in panels.indices { panels[i].heatmap?.showsColourBar = false }
        // A balanced grid (six maps as 3 + 3), one colour bar for all.
        let columns = Int(Double(shown.count).squareRoot().rounded(.up))
        let rows = (shown.count + columns - 1) / columns
        let colourBar = panels[0].heatmap
        let caption =
            caption(maps[0], seed: nil)
            + (shown.count < agents.count ? "; \(shown.count) of \(agents.count) agents, chosen evenly" : "")
        return try figures.write(
            PlotFigure(
                panels: panels, columns: columns, colourBar: colourBar, caption: caption, legendBelow: true,
                sharesAxisLabels: true),
            named: "qmap", defaultSize: .pixels(width: 600 * columns + 100, height: 500 * rows + 40), into: folder)
    }

    static let xLabel = "pole angle θ (rad)"
    static let yLabel = "dθ/dt (rad/s)"

    /// The termination angles (±12°, in the axis's radians), dashed on every map.
    static let terminationLines = [-CartPole.thetaThreshold, CartPole.thetaThreshold].map {
        ReferenceLine(
            String(format: "termination angle ±%.3f rad", CartPole.thetaThreshold), $0, colour: .red, vertical: true)
    }

    /// One max-Q colour scale over `maps`, so that their colours compare.
    static func colourRange(_ maps: [QMap]) -> ClosedRange<Double> {
        let values = maps.flatMap { $0.maxQ.flatMap { $0 } }
        return (values.min() ?? 0)...(values.max() ?? 1)
    }

    /// A categorical network's spread: the standard deviation of the greedy action's return distribution
    /// over the map (how unsure it is of the return there); no panel for any other network.
    static func spreadPanel(_ map: QMap, series: [PlotSeries]) -> [PlotPanel] {
        guard let spreads = map.spreads else { return [] }
        let finite = spreads.flatMap { $0 }.filter(\.isFinite)
        let range = (finite.min() ?? 0)...max(finite.max() ?? 1, (finite.min() ?? 0) + 1e-6)
        return [
            PlotPanel(
                title: "spread of the greedy action's return (std)", xLabel: xLabel, yLabel: yLabel, series: series,
                heatmap: PlotHeatmap(
                    values: spreads, x: map.angles, y: map.angularVelocities, colours: .viridis(range: range),
                    label: "std"),
                references: terminationLines, showsLegend: true)
        ]
    }

    static func maxQPanel(_ map: QMap, title: String, range: ClosedRange<Double>, series: [PlotSeries]) -> PlotPanel {
        PlotPanel(
            title: title, xLabel: xLabel, yLabel: yLabel, series: series,
            heatmap: PlotHeatmap(
                values: map.maxQ, x: map.angles, y: map.angularVelocities, colours: .viridis(range: range),
                label: "max Q"),
            references: terminationLines, showsLegend: true)
    }
}
