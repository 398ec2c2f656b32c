/// A number as the unevaluated sum of two doubles, `hi + lo` with `|lo| <= ulp(hi) / 2`: about 106 bits of
/// precision from IEEE double operations alone (Dekker's and Knuth's exact transformations, no fused
/// multiply-add), so every processor computes the same bits.
struct DoubleDouble {
    var hi: Double
    var lo: Double

    init(_ hi: Double, _ lo: Double = 0) {
        self.hi = hi
        self.lo = lo
    }

    /// The nearest double.
    var rounded: Double { hi + lo }

    /// `a + b` exactly, as the rounded sum and its error (Knuth's TwoSum).
    static func twoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        let bb = s - a
        return DoubleDouble(s, (a - (s - bb)) + (b - bb))
    }

    /// `a + b` exactly when `|a| >= |b|` (Dekker's FastTwoSum).
    static func fastTwoSum(_ a: Double, _ b: Double) -> DoubleDouble {
        let s = a + b
        return DoubleDouble(s, b - (s - a))
    }

    /// `a` as two halves of 26 bits each (Veltkamp's split), so their products are exact.
    private static func split(_ a: Double) -> (Double, Double) {
        let t = 134_217_729 * a
        let hi = t - (t - a)
        return (hi, a - hi)
    }

    /// `a * b` exactly, as the rounded product and its error (Dekker's TwoProduct).
    static func twoProduct(_ a: Double, _ b: Double) -> DoubleDouble {
        let p = a * b
        let (ah, al) = split(a)
        let (bh, bl) = split(b)
        return DoubleDouble(p, ((ah * bh - p) + ah * bl + al * bh) + al * bl)
    }

    static func + (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let s = twoSum(a.hi, b.hi)
        let t = twoSum(a.lo, b.lo)
        let u = fastTwoSum(s.hi, s.lo + t.hi)
        return fastTwoSum(u.hi, u.lo + t.lo)
    }

    static prefix func - (a: DoubleDouble) -> DoubleDouble { DoubleDouble(-a.hi, -a.lo) }

    static func - (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble { a + -b }

    static func * (a: DoubleDouble, b: DoubleDouble) -> DoubleDouble {
        let p = twoProduct(a.hi, b.hi)
        return fastTwoSum(p.hi, p.lo + (a.hi * b.lo + a.lo * b.hi))
    }
}
