import Agent
import Foundation
import Render

/// The Q-map figure: greedy action and max Q panels over the same axes.
public enum QMapFigure {
    /// The map of `network` with a greedy episode from `seed` drawn over it, written as a 1600x600 PNG.
    public static func write(
        _ network: any QFunction, environment: EnvironmentID, seed: UInt64, to url: URL,
        cartPosition: Double = 0, cartVelocity: Double = 0
    ) throws {
        let map = QMap(network, cartPosition: cartPosition, cartVelocity: cartVelocity)
        let episode = try greedyPath(network, environment: environment, seed: seed)
        try figure(map, path: episode.path, episodeReturn: episode.return).render(width: 1600, height: 600).writePNG(
            to: url)
    }

    /// A greedy episode's (pole angle, angular velocity) at every state, and its return, to draw over a map.
    public static func greedyPath(_ network: any QFunction, environment: EnvironmentID, seed: UInt64) throws
        -> (path: [(angle: Double, velocity: Double)], return: Double)
    {
        var player = try GreedyPlayer(network: network, environment: environment, seed: seed)
        var path: [(angle: Double, velocity: Double)] = []
        let episode = player.play { step in path.append((step.state.theta, step.state.thetaDot)) }
        return (path, episode.return)
    }

    /// A map's two panels, greedy action and max Q, with the greedy path over both; `range` is the max-Q
    /// colour scale (by default the map's own).
    public static func figure(
        _ map: QMap, path: [(angle: Double, velocity: Double)], episodeReturn: Double,
        range: ClosedRange<Double>? = nil
    ) -> PlotFigure {
        let x = map.angles
        let y = map.angularVelocities
        // The path, clipped to the map, in white; its first and last states marked.
        let inside = path.filter { x.contains($0.angle) && y.contains($0.velocity) }
        var marks: [PlotSeries] = []
        if let first = inside.first, let last = inside.last {
            marks = [
                PlotSeries(
                    "greedy episode (return \(Int(episodeReturn)))", inside.map(\.velocity), x: inside.map(\.angle),
                    colour: Colour(1, 1, 1), lineWidth: 1.5),
                PlotSeries("its start", [first.velocity], x: [first.angle], colour: Colour(0, 0, 0)),
                PlotSeries("its end", [last.velocity], x: [last.angle], colour: .red),
            ]
        }
        return PlotFigure(panels: [
            PlotPanel(
                title: "greedy action", xLabel: xLabel, yLabel: yLabel, series: marks,
                heatmap: PlotHeatmap(
                    values: map.greedyActions, x: x, y: y,
                    colours: .categories([("left", .blue), ("right", .orange)]), label: "action"),
                references: terminationLines, showsLegend: !marks.isEmpty),
            maxQPanel(map, title: "max Q", range: range ?? colourRange([map]), series: marks),
        ])
    }

    /// Writes the maps of `agents` into `folder`: qmap.png with one agent's two panels, or several agents'
    /// max-Q panels on one colour scale; with `video`, qmap.mp4 showing each agent's two panels for a
    /// second, all on one colour scale. Each agent's greedy path starts from `seed`, by default its own.
    /// Returns the file written.
    public static func write(
        _ agents: [GridVideo.Player], environment: EnvironmentID, seed: UInt64?, cartPosition: Double = 0,
        cartVelocity: Double = 0, video: Bool, into folder: URL
    ) throws -> URL {
        let maps = agents.map { QMap($0.network, cartPosition: cartPosition, cartVelocity: cartVelocity) }
        let range = colourRange(maps)
        if video {
            let url = folder.appendingPathComponent("qmap.mp4")
            let encoder = try VideoEncoder(url: url, width: 1600, height: 600, settings: VideoSettings(fps: 25))
            for (agent, map) in zip(agents, maps) {
                let episode = try greedyPath(agent.network, environment: environment, seed: seed ?? agent.seed)
                var figure = figure(map, path: episode.path, episodeReturn: episode.return, range: range)
                figure.panels[0].title = "\(agent.name): greedy action"
                let canvas = try figure.render(width: 1600, height: 600)
                for _ in 0..<25 { try encoder.append(canvas) }
            }
            try encoder.finish()
            return url
        }
        let url = folder.appendingPathComponent("qmap.png")
        if agents.count == 1 {
            let episode = try greedyPath(agents[0].network, environment: environment, seed: seed ?? agents[0].seed)
            try figure(maps[0], path: episode.path, episodeReturn: episode.return).render(width: 1600, height: 600)
                .writePNG(to: url)
            return url
        }
        var panels = zip(agents, maps).map { agent, map in
            maxQPanel(map, title: "\(agent.name): max Q", range: range, series: [])
        }
        for i in panels.indices { panels[i].heatmap?.showsColourBar = false }
        // A balanced grid (six maps as 3 + 3), one colour bar for all.
        let columns = Int(Double(agents.count).squareRoot().rounded(.up))
        let rows = (agents.count + columns - 1) / columns
        let colourBar = panels[0].heatmap
        try PlotFigure(panels: panels, columns: columns, colourBar: colourBar)
            .render(width: 600 * columns + 100, height: 500 * rows).writePNG(to: url)
        return url
    }

    static let xLabel = "pole angle (rad)"
    static let yLabel = "pole angular velocity (rad/s)"

    /// The termination angles (±12°), dashed on every map.
    static let terminationLines = [-CartPole.thetaThreshold, CartPole.thetaThreshold].map {
        ReferenceLine("termination angle ±12°", $0, colour: .red, vertical: true)
    }

    /// One max-Q colour scale over `maps`, so that their colours compare.
    static func colourRange(_ maps: [QMap]) -> ClosedRange<Double> {
        let values = maps.flatMap { $0.maxQ.flatMap { $0 } }
        return (values.min() ?? 0)...(values.max() ?? 1)
    }

    static func maxQPanel(_ map: QMap, title: String, range: ClosedRange<Double>, series: [PlotSeries]) -> PlotPanel {
        PlotPanel(
            title: title, xLabel: xLabel, yLabel: yLabel, series: series,
            heatmap: PlotHeatmap(
                values: map.maxQ, x: map.angles, y: map.angularVelocities, colours: .viridis(range: range),
                label: "max Q"),
            references: terminationLines, showsLegend: !series.isEmpty)
    }
}
