import Foundation
import Render
import Testing

@Suite struct AxisTicksTests {
    @Test(arguments: [
        (0.0, 200.0), (0.0, 1.0), (0.1, 1.0), (-3.7, 12.2), (-1e-6, 3e-6), (1e5, 3.2e9), (-500.0, -20.0),
        (42.0, 42.0), (0.0, 0.0), (1e-9, 1.0000001e-9), (-7.0, -7.0), (0.001, 0.0013),
    ])
    func ticksAreRoundAndCoverTheRange(_ low: Double, _ high: Double) {
        let ticks = AxisTicks(minimum: low, maximum: high)
        #expect(ticks.lower <= low && ticks.upper >= high)
        #expect(ticks.values.count >= 2 && ticks.values.count <= 12, "\(ticks.values)")
        // The step is 1, 2 or 5 times a power of ten.
        let mantissa = ticks.step / pow10(floor(log10Value(ticks.step)))
        #expect([1.0, 2, 5, 10].contains { abs(mantissa - $0) < 1e-9 }, "step \(ticks.step)")
        for (a, b) in zip(ticks.values, ticks.values.dropFirst()) {
            // Equal steps, to the precision a double has at these magnitudes.
            #expect(abs((b - a) - ticks.step) <= ticks.step * 1e-6 + abs(b) * 1e-14)
        }
        #expect(
            ticks.values.allSatisfy {
                abs(($0 / ticks.step).rounded() * ticks.step - $0) <= ticks.step * 1e-6 + abs($0) * 1e-14
            })
    }

    @Test func labelsCarryJustTheNeededDecimals() {
        let ticks = AxisTicks(minimum: 0, maximum: 1)
        #expect(ticks.values.map(ticks.label) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
        let big = AxisTicks(minimum: 0, maximum: 20000)
        #expect(big.label(5000) == "5000")
        #expect(AxisTicks.niceStep(0.37) == 0.5)
        #expect(AxisTicks.niceStep(3) == 5)
        #expect(AxisTicks.niceStep(0.011) == 0.02)
    }

    func log10Value(_ x: Double) -> Double { log(x) / log(10) }
    func pow10(_ x: Double) -> Double { exp(x * log(10)) }
}

/// Ranges and values no sane run produces but a file can hold: finite ticks, a figure that renders.
@Suite struct ExtremePlotValueTests {
    static let extremes: [Double] = [
        1e308, -1e308, .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
        .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude,
        .nan, .infinity, -.infinity, 0, -0.0, 1, 195,
    ]

    @Test func ticksOfExtremeRangesAreFiniteAndFew() {
        let finite = Self.extremes.filter(\.isFinite)
        for low in finite {
            for high in finite where high >= low {
                let ticks = AxisTicks(minimum: low, maximum: high)
                #expect(
                    ticks.lower.isFinite && ticks.upper.isFinite && ticks.step.isFinite && ticks.step > 0,
                    "\(low)...\(high)")
                #expect(
                    ticks.values.count >= 2 && ticks.values.count <= 12, "\(low)...\(high): \(ticks.values.count) ticks"
                )
                #expect(ticks.values.allSatisfy { $0.isFinite })
                let labels = ticks.values.map(ticks.label)
                #expect(
                    labels.allSatisfy {
                        !$0.isEmpty && !$0.lowercased().contains("nan") && !$0.lowercased().contains("inf")
                    },
                    "\(low)...\(high): \(labels)")
            }
        }
    }

    @Test func aFigureOfExtremeValuesRendersItsData() throws {
        let values = Self.extremes + Self.extremes.reversed()
        let figure = TrainingFigure(
            frame: values.count, scores: values, meanWindow: 10, losses: values.map(abs), epsilons: values,
            rewardThreshold: 195)
        let canvas = try figure.render(width: 1000, height: 250)
        // The lines are drawn (bluish pixels: blue well above red), despite the ±1e308 range.
        var blue = 0
        canvas.withPixels { pixels in
            for offset in stride(from: 0, to: pixels.count, by: 4)
            where Int(pixels[offset]) > Int(pixels[offset + 2]) + 60 { blue += 1 }
        }
        #expect(blue > 500, "\(blue) pixels of the score and epsilon lines")
    }
}
