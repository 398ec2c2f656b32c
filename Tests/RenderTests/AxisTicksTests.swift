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
        #expect(ticks.values.allSatisfy { abs(($0 / ticks.step).rounded() * ticks.step - $0) <= ticks.step * 1e-6 + abs($0) * 1e-14 })
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

import Foundation
