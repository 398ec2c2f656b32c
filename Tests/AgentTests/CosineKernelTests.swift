import Foundation
import Testing

@testable import Agent

/// The kernels' cosines (an implicit quantile network's embedding) against the contract KernelBody.h states,
/// written here once more in scalar Swift: every variant gives its bits, whatever the fractions and however
/// many frequencies (every kind of tail); and they are the cosines, within a unit in the last place.
@Suite struct CosineKernelTests {
    /// cos x as the contract computes it: in double, k = x·2/π rounded by 1.5·2^52, π/2 in two parts, the
    /// Taylor series to r^12 and r^13 by Horner's rule, the quadrant's sign and function, rounded to float.
    static func cosine(_ x: Float) -> Float {
        let d = Double(x)
        let magic = 0x1.8p52
        let k = (d * 0x1.45f306dc9c883p-1 + magic) - magic
        guard abs(k) < 0x1p20 else { return .nan }
        let r = (d - k * 1.57079632673412561417e+00) - k * 6.07710050650619224932e-11
        let r2 = r * r
        var c = 1.0 / 479_001_600
        for term in [-1.0 / 3_628_800, 1.0 / 40320, -1.0 / 720, 1.0 / 24, -0.5, 1] { c = c * r2 + term }
        var s = 1.0 / 6_227_020_800
        for term in [-1.0 / 39_916_800, 1.0 / 362_880, -1.0 / 5040, 1.0 / 120, -1.0 / 6, 1] { s = s * r2 + term }
        s *= r
        return switch Int(k) & 3 {
        case 0: Float(c)
        case 1: Float(-s)
        case 2: Float(-c)
        default: Float(s)
        }
    }

    @Test(arguments: Kernels.available.map(\.name))
    func everyVariantGivesTheContractsBits(kernelsName: String) throws {
        let kernels = try #require(Kernels.available.first { $0.name == kernelsName })
        var generator = SplitMix64(seed: 9)
        var taus = (0..<200).map { _ in generator.nextUnitFloat() }
        taus += [0, 0.5, 0.25, 1 - 0x1p-24, .leastNonzeroMagnitude, -0.3, .nan, .infinity, 1e9]
        for e in [1, 3, 7, 8, 9, 16, 17, 64, 1024] {
            let frequencies = QNetwork.frequencies(e)
            var out = [Float](repeating: 7, count: taus.count * e)
            frequencies.withUnsafeBufferPointer { f in
                out.withUnsafeMutableBufferPointer {
                    kernels.cosines(count: taus.count, taus: taus, frequencies: f, into: $0.start)
                }
            }
            var wrong = 0
            for (row, tau) in taus.enumerated() {
                for (i, frequency) in frequencies.enumerated() {
                    let (got, expected) = (out[row * e + i], Self.cosine(tau * frequency))
                    if got.bitPattern != expected.bitPattern && !(got.isNaN && expected.isNaN) { wrong += 1 }
                }
            }
            #expect(wrong == 0, "\(kernelsName), \(e) frequencies: \(wrong) cosines differ from the contract's")
        }
    }

    @Test func theContractsCosinesAreCosines() {
        var generator = SplitMix64(seed: 10)
        var worst: Double = 0
        for _ in 0..<100_000 {
            let x = generator.nextUnitFloat() * Float(Double.pi) * 1024
            let exact = Foundation.cos(Double(x))
            let ulp = Double(Float(exact).ulp)
            worst = max(worst, abs(Double(Self.cosine(x)) - exact) / max(ulp, Double(Float.leastNormalMagnitude)))
        }
        #expect(worst <= 1, "within a unit in the last place of the float cosine (worst \(worst))")
        #expect(Self.cosine(.nan).isNaN && Self.cosine(.infinity).isNaN && Self.cosine(0) == 1)
    }
}
