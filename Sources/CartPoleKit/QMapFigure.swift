import Agent
import Foundation
import Render

/// The Q-map figure: greedy action and max Q panels over the same axes.
public enum QMapFigure {
    /// The map of `network` with a greedy episode from `seed` drawn over it, written as a 1600x600 PNG.
    public static func write(
        _ network: QNetwork, environment: EnvironmentID, seed: UInt64, to url: URL,
        cartPosition: Double = 0, cartVelocity: Double = 0
    ) throws {
        let map = QMap(network, cartPosition: cartPosition, cartVelocity: cartVelocity)
        let episode = try greedyPath(network, environment: environment, seed: seed)
        try figure(map, path: episode.path, episodeReturn: episode.return).render(width: 1600, height: 600).writePNG(
            to: url)
    }

    /// A greedy episode's (pole angle, angular velocity) at every state, and its return, to draw over a map.
    public static func greedyPath(_ network: QNetwork, environment: EnvironmentID, seed: UInt64) throws
        -> (path: [(angle: Double, velocity: Double)], return: Double)
    {
        var player = try GreedyPlayer(network: network, environment: environment, seed: seed)
        var path: [(angle: Double, velocity: Double)] = []
        let episode = player.play { step in path.append((step.state.theta, step.state.thetaDot)) }
        return (path, episode.return)
    }

    public static func figure(_ map: QMap, path: [(angle: Double, velocity: Double)], episodeReturn: Double)
        -> PlotFigure
    {
        let x = map.angles
        let y = map.angularVelocities
        let limit = CartPole.thetaThreshold
        let marks = [
            ReferenceLine("termination angle ±12°", -limit, colour: .red, vertical: true),
            ReferenceLine("termination angle ±12°", limit, colour: .red, vertical: true),
        ]
        // The path, clipped to the map, in white.
        let inside = path.filter { x.contains($0.angle) && y.contains($0.velocity) }
        let trajectory = PlotSeries(
            "greedy episode (return \(Int(episodeReturn)))", inside.map(\.velocity), x: inside.map(\.angle),
            colour: Colour(1, 1, 1), lineWidth: 1.5)
        let maxQ = map.maxQ
        let values = maxQ.flatMap { $0 }
        let range = (values.min() ?? 0)...(values.max() ?? 1)
        return PlotFigure(panels: [
            PlotPanel(
                title: "greedy action", xLabel: "pole angle (rad); angular velocity (rad/s) upwards",
                series: [trajectory],
                heatmap: PlotHeatmap(
                    values: map.greedyActions, x: x, y: y,
                    colours: .categories([("left", .blue), ("right", .orange)]), label: "action"),
                references: marks),
            PlotPanel(
                title: "max Q", xLabel: "pole angle (rad); angular velocity (rad/s) upwards", series: [trajectory],
                heatmap: PlotHeatmap(values: maxQ, x: x, y: y, colours: .viridis(range: range), label: "max Q"),
                references: marks),
        ])
    }
}
