import Testing

@testable import Agent

/// The kernels' softmax against the contract KernelBody.h states, written here once more in scalar Swift:
/// every variant gives its bits, whatever the logits (NaN, infinities, huge, tiny, -0), the groups' count
/// and size, and where the groups lie.
@Suite struct SoftmaxKernelTests {
    /// Cephes' expf as the contract computes it: each step a product then a sum, rounded.
    static func exponential(_ x: Float) -> Float {
        if x.isNaN { return .nan }
        if x > 88.72283 { return .infinity }
        if x < -87.33654 { return 0 }
        let n = (x * 1.442_695_04 + 0.5).rounded(.down)
        let r = (x - n * 0.693_359_375) - n * -2.121_944_4e-4
        var y: Float = 1.987_569_15e-4
        for c: Float in [1.398_199_950_7e-3, 8.333_451_907_3e-3, 4.166_579_589_4e-2, 1.666_666_545_9e-1, 0.5] {
            y = y * r + c
        }
        y = (y * (r * r) + r) + 1
        return y * Float(sign: .plus, exponent: Int(n), significand: 1)
    }

    /// (probabilities, mean on z, largest, sum) of one group, in order, as the contract says.
    static func reference(_ x: [Float], z: [Float]) -> (p: [Float], q: Float, largest: Float, sum: Float) {
        var largest = x[0]
        for v in x.dropFirst() { largest = v >= largest ? v : largest }
        var p = x.map { exponential($0 - largest) }
        var sum: Float = 0
        for v in p { sum += v }
        let scale = 1 / sum
        var q: Float = 0
        for j in p.indices {
            p[j] *= scale
            q += p[j] * z[j]
        }
        return (p, q, largest, sum)
    }

    static func same(_ a: Float, _ b: Float) -> Bool { a.bitPattern == b.bitPattern }

    @Test(arguments: KernelsTests.names)
    func everyVariantGivesTheContractsBits(name: String) throws {
        let kernels = try KernelsTests.kernels(name)
        var generator = SplitMix64(seed: 9)
        let specials: [Float] = [
            .nan, .infinity, -.infinity, 1e30, -1e30, 88.8, -88, 0, -0.0, .leastNonzeroMagnitude, 300, -300,
        ]
        for (groups, k) in [(1, 1), (3, 5), (8, 51), (13, 51), (17, 16), (9, 33), (2, 1024)] {
            let z = (0..<k).map { Float($0) * 0.37 - 3 }
            var x = (0..<(groups * k)).map { _ in Float(generator.nextUnit() * 60 - 30) }
            // Some groups hold special values; one is wholly spread (differences past the exponential's range).
            for g in stride(from: 1, to: groups, by: 3) {
                x[g * k + Int(generator.nextUnit() * Double(k))] = specials[g % specials.count]
            }
            if groups > 2 { for j in 0..<k { x[2 * k + j] = Float(j) * 20 - 500 } }
            // Contiguous groups, and the same groups in reverse order through `starts`.
            var p = [Float](repeating: .nan, count: groups * k)
            var q = [Float](repeating: .nan, count: groups)
            kernels.softmax(groups: groups, k: k, x: x, z: z, p: &p, q: &q)
            let starts = (0..<groups).reversed().map { $0 * k }
            var reordered = [Float](repeating: .nan, count: groups * k)
            var largest = [Float](repeating: .nan, count: groups)
            var sums = [Float](repeating: .nan, count: groups)
            kernels.softmax(
                groups: groups, k: k, x: x, starts: starts, p: &reordered, largest: &largest, sum: &sums)
            for g in 0..<groups {
                let expected = Self.reference(Array(x[(g * k)..<((g + 1) * k)]), z: z)
                let what = "\(name): group \(g) of \(groups)x\(k)"
                #expect(zip(p[(g * k)..<((g + 1) * k)], expected.p).allSatisfy(Self.same), "\(what): probabilities")
                #expect(Self.same(q[g], expected.q), "\(what): mean \(q[g]) vs \(expected.q)")
                #expect(reordered.elementsEqual(p, by: Self.same), "\(what): through starts")
                let r = groups - 1 - g
                #expect(Self.same(largest[r], expected.largest) && Self.same(sums[r], expected.sum), "\(what)")
            }
        }
    }
}
