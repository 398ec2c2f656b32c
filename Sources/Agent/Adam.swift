import Foundation

/// Adam (Kingma and Ba 2015) as PyTorch's single-tensor `torch.optim.Adam` steps it, with its defaults:
/// lr 1e-3, betas 0.9 and 0.999, eps 1e-8, bias correction, no weight decay.
public struct Adam: Sendable {
    public let learningRate: Double
    public let beta1: Double
    public let beta2: Double
    public let epsilon: Double
    public private(set) var step = 0
    private var firstMoment: [Float]
    private var secondMoment: [Float]

    public init(parameterCount: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
                epsilon: Double = 1e-8) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        // Padded to whole 16-lane chunks so the update loop has no scalar tail.
        let padded = (parameterCount + 15) / 16 * 16
        firstMoment = Array(repeating: 0, count: padded)
        secondMoment = Array(repeating: 0, count: padded)
    }

    /// One step: parameters move against `gradient`, which has one value per parameter.
    public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
        let count = parameters.count
        precondition(gradient.count == count && (firstMoment.count - count) < 16, "one gradient value per parameter")
        step += 1
        // PyTorch computes the bias corrections in double, then uses them as float32 scalars.
        let correction1 = 1 - Foundation.pow(beta1, Double(step))
        let correction2Root = (1 - Foundation.pow(beta2, Double(step))).squareRoot()
        let stepSize = Float(learningRate / correction1)
        let inverseRootCorrection = Float(1 / correction2Root)
        let weight1 = Float(1 - beta1), decay2 = Float(beta2), weight2 = Float(1 - beta2), eps = Float(epsilon)
        let tiny = SIMD16<Float>(repeating: .leastNormalMagnitude)
        firstMoment.withUnsafeMutableBytes { m in
            secondMoment.withUnsafeMutableBytes { v in
                parameters.withUnsafeMutableBytes { p in
                    gradient.withUnsafeBytes { g in
                        for offset in stride(from: 0, to: count * 4, by: 64) {
                            let lanes = min(16, count - offset / 4)
                            let gi = Self.load(g, offset, lanes)
                            var pi = Self.load(UnsafeRawBufferPointer(p), offset, lanes)
                            var mi = m.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                            var vi = v.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self)
                            mi += weight1 * (gi - mi)
                            vi = vi * decay2 + weight2 * (gi * gi)
                            // Moments that decay into the subnormal range are kept at zero: on many Intel
                            // processors every operation on a subnormal takes a microcode assist (this loop
                            // ran ten times slower), and a moment that small moves no parameter.
                            mi.replace(with: 0, where: (mi .< tiny) .& (mi .> -tiny))
                            vi.replace(with: 0, where: vi .< tiny)
                            let denominator = Self.squareRoot(vi) * inverseRootCorrection + eps
                            pi -= stepSize * (mi / denominator)
                            m.storeBytes(of: mi, toByteOffset: offset, as: SIMD16<Float>.self)
                            v.storeBytes(of: vi, toByteOffset: offset, as: SIMD16<Float>.self)
                            if lanes == 16 {
                                p.storeBytes(of: pi, toByteOffset: offset, as: SIMD16<Float>.self)
                            } else {
                                for lane in 0..<lanes { p.storeBytes(of: pi[lane], toByteOffset: offset + lane * 4, as: Float.self) }
                            }
                        }
                    }
                }
            }
        }
    }

    /// Up to 16 floats at a byte offset, zeros beyond `lanes`.
    @inline(__always)
    private static func load(_ buffer: UnsafeRawBufferPointer, _ offset: Int, _ lanes: Int) -> SIMD16<Float> {
        if lanes == 16 { return buffer.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self) }
        var result = SIMD16<Float>()
        for lane in 0..<lanes { result[lane] = buffer.load(fromByteOffset: offset + lane * 4, as: Float.self) }
        return result
    }

    /// √x for x ≥ 0 to about 5e-6 relative, in vector arithmetic only: Swift lowers `SIMD.squareRoot()`
    /// lane by lane through libm, which made it the update's bottleneck. A bit-level estimate of 1/√x
    /// refined by two Newton steps, times x. Adam's step is lr-sized, so this moves parameters by about
    /// 1e-8 from PyTorch's (the fixtures' three steps agree to 1e-5 relative).
    @inline(__always)
    static func squareRoot(_ x: SIMD16<Float>) -> SIMD16<Float> {
        let bits = SIMD16<UInt32>(repeating: 0x5F37_59DF) &- (unsafeBitCast(x, to: SIMD16<UInt32>.self) &>> 1)
        var y = unsafeBitCast(bits, to: SIMD16<Float>.self)
        let half = 0.5 * x
        for _ in 0..<2 { y = y * (1.5 - half * y * y) }
        return (x * y).replacing(with: SIMD16<Float>(), where: x .== SIMD16<Float>())
    }
}
