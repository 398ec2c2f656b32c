/// Standard normal draws with the same bits on every processor, for noisy networks' noise: Marsaglia's
/// polar method (two uniforms in the unit disc give two normals), its logarithm ours (`ReproducibleMath`),
/// the rest IEEE operations.
enum StandardNormal {
    /// `count` draws.
    static func draws(_ count: Int, using generator: inout SplitMix64) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity(count + 1)
        while values.count < count {
            let u = 2 * generator.nextUnit() - 1
            let v = 2 * generator.nextUnit() - 1
            let s = u * u + v * v
            guard s > 0 && s < 1 else { continue }
            let factor = (-2 * ReproducibleMath.log(s) / s).squareRoot()
            values.append(u * factor)
            values.append(v * factor)
        }
        return Array(values.prefix(count))
    }
}
