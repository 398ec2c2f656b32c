/// The Q-function over a slice of CartPole's state space: pole angle (columns) against pole angular
/// velocity (rows), with the cart's position and velocity fixed (at rest at the centre by default).
package struct QMap: Sendable {
    package let angles: ClosedRange<Double>
    package let angularVelocities: ClosedRange<Double>
    package let columns: Int, rows: Int
    /// The slice: the cart's position (m) and velocity (m/s) in every cell.
    package let cartPosition: Double, cartVelocity: Double
    /// Q-values per cell, by row (from the lowest angular velocity) then column (from the lowest angle),
    /// at the cell's centre.
    package let qValues: [[SIMD2<Float>]]
    /// A categorical network's spread per cell: the standard deviation of the greedy action's return
    /// distribution, as `qValues` is laid out; nil for any other network.
    package let spreads: [[Double]]?

    package init(
        _ network: any QFunction, angles: ClosedRange<Double> = -0.3...0.3,
        angularVelocities: ClosedRange<Double> = -2...2,
        columns: Int = 120, rows: Int = 80, cartPosition: Double = 0, cartVelocity: Double = 0
    ) {
        self.angles = angles
        self.angularVelocities = angularVelocities
        self.columns = columns
        self.rows = rows
        self.cartPosition = cartPosition
        self.cartVelocity = cartVelocity
        let readouts = (0..<rows).map { r in
            (0..<columns).map { c in
                network.evaluate(
                    Self.observation(
                        QMap.centre(c, columns, angles), QMap.centre(r, rows, angularVelocities),
                        cartPosition, cartVelocity))
            }
        }
        qValues = readouts.map { $0.map(\.q) }
        spreads =
            readouts.first?.first?.distributions == nil
            ? nil
            : readouts.map { row in
                row.map { cell in
                    Double(cell.distributions?.standardDeviation(of: cell.q.greedyAction) ?? .nan)
                }
            }
    }

    /// The observation (float32, as the environment gives it) of a state.
    package static func observation(_ angle: Double, _ angularVelocity: Double, _ x: Double, _ xDot: Double)
        -> Observation
    {
        Observation([Float(x), Float(xDot), Float(angle), Float(angularVelocity)])
    }

    /// The centre of cell `i` of `count` over `range`.
    package static func centre(_ i: Int, _ count: Int, _ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (Double(i) + 0.5) * (range.upperBound - range.lowerBound) / Double(count)
    }

    package var greedyActions: [[Double]] { qValues.map { $0.map { Double($0.greedyAction) } } }
    package var maxQ: [[Double]] { qValues.map { $0.map { Double(max($0[0], $0[1])) } } }
}
