/// A grid of values over a rectangle of the panel's axes, drawn as coloured cells, with a colour bar.
/// Values map to colours through `colours`: a continuous scale (viridis) between `range`, or a category
/// per whole value (e.g. the greedy action: 0 blue, 1 orange).
package struct PlotHeatmap: Sendable {
    package enum Colours: Sendable {
        case viridis(range: ClosedRange<Double>)
        case categories([(label: String, colour: Colour)])
    }

    /// Values by row (from `y.lowerBound` upwards) and column (from `x.lowerBound` rightwards).
    package var values: [[Double]]
    package var x: ClosedRange<Double>
    package var y: ClosedRange<Double>
    package var colours: Colours
    package var label: String
    /// False when the figure draws one colour bar for several panels (`PlotFigure.colourBar`).
    package var showsColourBar = true

    package init(values: [[Double]], x: ClosedRange<Double>, y: ClosedRange<Double>, colours: Colours, label: String) {
        precondition(
            !values.isEmpty && !values[0].isEmpty && values.allSatisfy { $0.count == values[0].count },
            "a rectangular grid")
        self.values = values
        self.x = x
        self.y = y
        self.colours = colours
        self.label = label
    }

    /// The colour a value is drawn in (non-finite values are grey).
    package func colour(of value: Double) -> Colour {
        guard value.isFinite else { return Colour(0.8, 0.8, 0.8) }
        switch colours {
        case .viridis(let range):
            let t =
                range.upperBound > range.lowerBound
                ? (value - range.lowerBound) / (range.upperBound - range.lowerBound) : 0.5
            return Self.viridis(min(max(t, 0), 1))
        case .categories(let categories):
            let index = Int(min(max(value.rounded(), 0), Double(categories.count - 1)))
            return categories[index].colour
        }
    }

    /// matplotlib's viridis, interpolated between nine of its colours.
    static func viridis(_ t: Double) -> Colour {
        let stops: [(Double, Double, Double)] = [
            (68, 1, 84), (71, 44, 122), (59, 81, 139), (44, 113, 142), (33, 144, 141),
            (39, 173, 129), (92, 200, 99), (170, 220, 50), (253, 231, 37),
        ]
        let position = t * Double(stops.count - 1)
        let i = min(Int(position), stops.count - 2)
        let f = position - Double(i)
        let a = stops[i]
        let b = stops[i + 1]
        return Colour((a.0 + (b.0 - a.0) * f) / 255, (a.1 + (b.1 - a.1) * f) / 255, (a.2 + (b.2 - a.2) * f) / 255)
    }
}
