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

/// A categorical network's map has a third panel: the spread of the greedy action's return.
@Suite struct CategoricalQMapTests {
    @Test func aCategoricalNetworksMapShowsItsSpread() throws {
        var generator = SplitMix64(seed: 5)
        let support = QNetwork.support(atoms: 11, vMin: 0, vMax: 100)
        let network = QNetwork(hidden: 8, support: support, using: &generator)
        let map = QMap(network, columns: 6, rows: 4)
        let spreads = try #require(map.spreads)
        #expect(spreads.count == 4 && spreads.allSatisfy { $0.count == 6 })
        // A standard deviation on [0, 100]: positive (softmax puts mass on every atom), at most half the range.
        #expect(spreads.flatMap { $0 }.allSatisfy { $0 > 0 && $0 <= 50 })
        let figure = QMapFigure.figure(map, path: [], episodeReturn: 0)
        #expect(figure.panels.count == 3 && figure.panels[2].title.contains("spread"))
        #expect(QMap(QNetwork(hidden: 8, using: &generator), columns: 6, rows: 4).spreads == nil)
        #expect(
            QMapFigure.figure(QMap(QNetwork(hidden: 8, using: &generator)), path: [], episodeReturn: 0).panels.count
                == 2)
    }
}
