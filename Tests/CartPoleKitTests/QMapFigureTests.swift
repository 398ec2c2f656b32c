import Agent
import CartPoleKit
import Render
import Testing

/// The Q-map's colours at sampled cells are those of the values the network gives for those states.
@Suite struct QMapFigureTests {
    @Test func theMapsColoursAreTheNetworksValues() throws {
        var generator = SplitMix64(seed: 21)
        let network = QNetwork(hidden: 16, using: &generator)
        let map = QMap(network, columns: 6, rows: 4, cartPosition: 0.5, cartVelocity: -0.2)
        let figure = QMapFigure.figure(map, path: [], episodeReturn: 0)
        let canvas = try figure.render(width: 1600, height: 600)
        // The panels' plot areas, as the figure lays them out at this size.
        let areas = try figure.dataAreas(width: 1600, height: 600).map { try #require($0) }
        let heatmaps = figure.panels.map { $0.heatmap! }
        var checked = 0
        for (panel, heatmap) in heatmaps.enumerated() {
            for r in 0..<map.rows {
                for c in 0..<map.columns {
                    let q = network.qValues(
                        QMap.observation(
                            QMap.centre(c, map.columns, map.angles),
                            QMap.centre(r, map.rows, map.angularVelocities), 0.5, -0.2))
                    let value = panel == 0 ? (q[1] > q[0] ? 1.0 : 0.0) : Double(max(q[0], q[1]))
                    // Cells beyond the termination angles' dashed lines may be crossed by them: sample off-centre.
                    let area = areas[panel]
                    let x = Int(area.x + (Double(c) + 0.3) / Double(map.columns) * area.width)
                    let y = Int(area.bottom - (Double(r) + 0.7) / Double(map.rows) * area.height)
                    let expected = heatmap.colour(of: value)
                    let pixel = canvas.rgb(x: x, y: y)
                    let want = [expected.red, expected.green, expected.blue].map { Int(($0 * 255).rounded()) }
                    let got = [Int(pixel.0), Int(pixel.1), Int(pixel.2)]
                    #expect(
                        zip(got, want).allSatisfy { abs($0 - $1) <= 1 },
                        "panel \(panel) cell (\(r), \(c)): \(got), expected \(want)")
                    checked += 1
                }
            }
        }
        #expect(checked == 48)
    }
}
