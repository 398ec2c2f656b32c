/// Sine, cosine and integer powers that give the same bits on every processor. The C library's do not:
/// glibc picks an FMA variant of `sin`, `cos` and `pow` where the processor has FMA, and on CartPole's
/// angles (|θ| < 0.25) the two disagree in the last bit for about one argument in 800 (neither is
/// correctly rounded there), which a training amplifies into another agent. These are computed in
/// double-double arithmetic (about 2^-100 relative before the final rounding), so they are the correctly
/// rounded value but for arguments within that distance of a rounding boundary, and the same everywhere.
package enum CorrectlyRounded {
    /// sin(x) and cos(x). Accurate for |x| < 2^50; beyond, the argument is reduced modulo the double
    /// nearest 2π (the same bits everywhere, not the true sine). Infinity and NaN give NaN.
    package static func sinCos(_ x: Double) -> (sin: Double, cos: Double) {
        guard x.isFinite else { return (.nan, .nan) }
        let magnitude = x.magnitude
        // sin x = x and cos x = 1 to the nearest double (x²/6 and x²/2 are below half an ulp).
        if magnitude < 0x1p-27 { return (x, 1) }
        if magnitude >= 0x1p50 { return sinCos(x.remainder(dividingBy: 2 * .pi)) }
        // x = k π/2 + r, |r| <= π/4, with π/2 in four parts (the first three of 33 bits).
        let k = (x * twoOverPi).rounded()
        var r = DoubleDouble(x)
        for part in halfPiParts { r = r - DoubleDouble.twoProduct(k, part) }
        let r2 = r * r
        var s = DoubleDouble(0)
        for c in sinCoefficients.reversed() { s = s * r2 + c }
        s = s * r
        var c = DoubleDouble(0)
        for coefficient in cosCoefficients.reversed() { c = c * r2 + coefficient }
        let (sine, cosine) = (s.rounded, c.rounded)
        switch Int(k.truncatingRemainder(dividingBy: 4)) & 3 {
        case 0: return (sine, cosine)
        case 1: return (cosine, -sine)
        case 2: return (-sine, -cosine)
        default: return (-cosine, sine)
        }
    }

    /// `base` to the power `exponent` (at least 0), by squaring in double-double.
    package static func power(_ base: Double, _ exponent: Int) -> Double {
        precondition(exponent >= 0, "a power of a negative exponent")
        var result = DoubleDouble(1)
        var square = DoubleDouble(base)
        var n = exponent
        while n > 0 {
            if n & 1 == 1 { result = result * square }
            n >>= 1
            if n > 0 { square = square * square }
        }
        return result.rounded
    }

    private static let twoOverPi = 0x1.45f306dc9c883p-1
    private static let halfPiParts = [
        0x1.921fb54400000p+0, 0x1.0b4611a600000p-34, 0x1.3198a2e000000p-69, 0x1.b839a252049c1p-104,
    ]

    /// sin r = r Σ (-1)^i r^2i / (2i + 1)!, i = 0...13: the first term left out is below 2^-110 of the
    /// sum for |r| <= π/4. Each 1/n! in double-double.
    private static let sinCoefficients = [
        DoubleDouble(1), -DoubleDouble(0x1.5555555555555p-3, 0x1.5555555555555p-57),
        DoubleDouble(0x1.1111111111111p-7, 0x1.1111111111111p-63),
        -DoubleDouble(0x1.a01a01a01a01ap-13, 0x1.a01a01a01a01ap-73),
        DoubleDouble(0x1.71de3a556c734p-19, -0x1.c154f8ddc6c00p-73),
        -DoubleDouble(0x1.ae64567f544e4p-26, -0x1.c062e06d1f209p-80),
        DoubleDouble(0x1.6124613a86d09p-33, 0x1.f28e0cc748ebep-87),
        -DoubleDouble(0x1.ae7f3e733b81fp-41, 0x1.1d8656b0ee8cbp-97),
        DoubleDouble(0x1.952c77030ad4ap-49, 0x1.ac981465ddc6cp-103),
        -DoubleDouble(0x1.2f49b46814157p-57, 0x1.2650f61dbdcb4p-112),
        DoubleDouble(0x1.71b8ef6dcf572p-66, -0x1.d043ae40c4647p-120),
        -DoubleDouble(0x1.761b41316381ap-75, -0x1.3423c7d91404fp-130),
        DoubleDouble(0x1.3f3ccdd165fa9p-84, -0x1.58ddadf344487p-139),
        -DoubleDouble(0x1.d1ab1c2dccea3p-94, 0x1.054d0c78aea14p-149),
    ]

    /// cos r = Σ (-1)^i r^2i / (2i)!, i = 0...13 (the first term left out is below 2^-106 of the sum).
    private static let cosCoefficients = [
        DoubleDouble(1), -DoubleDouble(0x1p-1), DoubleDouble(0x1.5555555555555p-5, 0x1.5555555555555p-59),
        -DoubleDouble(0x1.6c16c16c16c17p-10, -0x1.f49f49f49f49fp-65),
        DoubleDouble(0x1.a01a01a01a01ap-16, 0x1.a01a01a01a01ap-76),
        -DoubleDouble(0x1.27e4fb7789f5cp-22, 0x1.cbbc05b4fa99ap-76),
        DoubleDouble(0x1.1eed8eff8d898p-29, -0x1.2aec959e14c06p-83),
        -DoubleDouble(0x1.93974a8c07c9dp-37, 0x1.05d6f8a2efd1fp-92),
        DoubleDouble(0x1.ae7f3e733b81fp-45, 0x1.1d8656b0ee8cbp-101),
        -DoubleDouble(0x1.6827863b97d97p-53, 0x1.eec01221a8b0bp-107),
        DoubleDouble(0x1.e542ba4020225p-62, 0x1.ea72b4afe3c2fp-120),
        -DoubleDouble(0x1.0ce396db7f853p-70, -0x1.aebcdbd20331cp-124),
        DoubleDouble(0x1.f2cf01972f578p-80, -0x1.9ada5fcc1ab14p-135),
        -DoubleDouble(0x1.88e85fc6a4e5ap-89, -0x1.71c37ebd16540p-143),
    ]
}
