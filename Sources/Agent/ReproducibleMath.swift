/// `powf` with the same bits on every processor, for prioritized replay's priorities and importance weights
/// (numpy's float32 `**`, which calls the C library's `powf`: glibc's has FMA variants). Computed in double
/// with IEEE basic operations only (no C library, no fused multiply-add) as exp(y · log x), a few units of
/// 2^-53 from the true power, so rounded to float it is the correctly rounded value but within that
/// distance of a rounding boundary, where glibc's may differ from it too.
package enum ReproducibleMath {
    /// `base` to the power `exponent`, as `powf` gives it for the priorities' arguments: a positive base, or
    /// 0 (0 for a positive exponent, infinity for a negative one); a negative or NaN base gives NaN.
    package static func power(_ base: Float, _ exponent: Float) -> Float {
        if exponent == 0 || base == 1 { return 1 }
        if base == 0 && !exponent.isNaN { return exponent > 0 ? 0 : .infinity }
        guard base > 0, !exponent.isNaN else { return .nan }
        if base == .infinity { return exponent > 0 ? .infinity : 0 }
        return Float(exp(Double(exponent) * log(Double(base))))
    }

    /// ln 2 as a double of 32 significant bits (so k · ln2High is exact for |k| < 2^21) and the rest.
    private static let ln2High = 6.93147180369123816490e-01
    private static let ln2Low = 1.90821492927058770002e-10

    /// The natural logarithm of a positive finite `x`: x = m · 2^e with m in [√½, √2), and
    /// ln m = 2 atanh(s), s = (m − 1)/(m + 1), |s| < 0.172, by its series to s^23.
    static func log(_ x: Double) -> Double {
        var m = x.significand
        var e = Double(x.exponent)
        if m > 2.0.squareRoot() {
            m /= 2
            e += 1
        }
        let f = m - 1  // exact (Sterbenz)
        let s = f / (2 + f)
        let s2 = s * s
        var series = 0.0
        for coefficient in oddReciprocals { series = (series + coefficient) * s2 }
        let logM = 2 * s + 2 * s * series
        return e * ln2High + (e * ln2Low + logM)
    }

    /// 1/23, 1/21, ..., 1/3: the series' coefficients, highest first (divided once, not at every call).
    private static let oddReciprocals = stride(from: 11, through: 1, by: -1).map { 1 / Double(2 * $0 + 1) }

    /// e^z: z = k ln 2 + r, |r| ≤ ln 2 / 2, e^r by its Taylor series to r^16, scaled by 2^k.
    static func exp(_ z: Double) -> Double {
        if z.isNaN { return .nan }
        if z > 709.8 { return .infinity }
        if z < -745.2 { return 0 }
        let k = (z * (1 / 0.69314718055994530942)).rounded()
        let r = (z - k * ln2High) - k * ln2Low
        var sum = 1.0
        for n in stride(from: 16, through: 1, by: -1) { sum = 1 + sum * r / Double(n) }
        return Double(sign: .plus, exponent: Int(k), significand: sum)
    }
}
