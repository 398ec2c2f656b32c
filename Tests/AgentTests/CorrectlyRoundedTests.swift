import Foundation
import TestSupport
import Testing

@testable import Agent

/// Sine, cosine and powers are the correctly rounded values mpmath gives (Tests/Fixtures/libm.json), among
/// them the arguments on which glibc's FMA and SSE2 variants disagree, so every processor steps CartPole
/// and Adam alike.
@Suite struct CorrectlyRoundedTests {
    static func double(_ json: JSON) throws -> Double {
        let text = try json.string
        let value = Double(text)
        try #require(value != nil, "\(json.path): not a hex float: \(text)")
        return value ?? .nan
    }

    @Test func sineAndCosineAreCorrectlyRounded() throws {
        let cases = try Fixtures.json("libm.json")["sin_cos"].array
        #expect(cases.count > 100)
        var hard = 0
        for entry in cases {
            let x = try Self.double(entry["x"])
            let (sine, cosine) = CorrectlyRounded.sinCos(x)
            #expect(sine.bitPattern == (try Self.double(entry["sin"])).bitPattern, "sin \(x.hexString)")
            #expect(cosine.bitPattern == (try Self.double(entry["cos"])).bitPattern, "cos \(x.hexString)")
            if try entry["why"].string.contains("disagree") { hard += 1 }
        }
        // Made on a processor with FMA, the fixture holds arguments where the C library's variants disagree.
        #expect(hard > 0)
    }

    @Test func powersAreCorrectlyRounded() throws {
        let cases = try Fixtures.json("libm.json")["powers"].array
        #expect(cases.count > 100)
        for entry in cases {
            let (base, exponent) = (try Self.double(entry["base"]), try entry["exponent"].int)
            #expect(
                CorrectlyRounded.power(base, exponent).bitPattern == (try Self.double(entry["value"])).bitPattern,
                "\(base)^\(exponent)")
        }
    }

    /// Prioritized replay's float powers are the correctly rounded float32 values on its arguments.
    @Test func floatPowersAreCorrectlyRounded() throws {
        let cases = try Fixtures.json("libm.json")["float_powers"].array
        #expect(cases.count > 1000)
        for entry in cases {
            let base = Float(try Self.double(entry["base"]))
            let exponent = Float(try Self.double(entry["exponent"]))
            let value = Float(try Self.double(entry["value"]))
            #expect(ReproducibleMath.power(base, exponent).bitPattern == value.bitPattern, "\(base)^\(exponent)")
        }
    }

    @Test func floatPowersOfSpecialArguments() {
        #expect(ReproducibleMath.power(0, 0.2) == 0 && ReproducibleMath.power(0, -0.6) == .infinity)
        #expect(ReproducibleMath.power(-1, 0.2).isNaN && ReproducibleMath.power(.nan, 0.2).isNaN)
        #expect(ReproducibleMath.power(.infinity, 0.2) == .infinity && ReproducibleMath.power(.infinity, -1) == 0)
        #expect(ReproducibleMath.power(7, 0) == 1 && ReproducibleMath.power(1, .nan) == 1)
        #expect(ReproducibleMath.power(.greatestFiniteMagnitude, 2) == .infinity)
        #expect(ReproducibleMath.power(.leastNonzeroMagnitude, 2) == 0)
        #expect(ReproducibleMath.power(4, 0.5) == 2 && ReproducibleMath.power(8, -1.0 / 3) == 0.5)
    }

    @Test func specialArgumentsGiveNaNAndTheSameBitsBeyondTheAccurateRange() {
        #expect(CorrectlyRounded.sinCos(.infinity).sin.isNaN && CorrectlyRounded.sinCos(.nan).cos.isNaN)
        let huge = CorrectlyRounded.sinCos(0x1p60)
        #expect(huge.sin.isFinite && huge.sin.magnitude <= 1 && huge.cos.magnitude <= 1)
        #expect(CorrectlyRounded.power(0.9, 0) == 1 && CorrectlyRounded.power(0.5, 1100) == 0)
    }
}

extension Double {
    fileprivate var hexString: String { String(format: "%a", self) }
}
