/// PyTorch's `clip_grad_norm_`, as rainbow chapters 04 and 08 call it after the backward pass: when the
/// gradient's Euclidean norm over every parameter exceeds `maxNorm`, the gradient is scaled by
/// maxNorm / (norm + 1e-6). The norm is summed in double, eight lanes in a fixed order, so every processor
/// and kernel variant scales alike.
package enum GradientClipping {
    /// Scales `gradient` so its norm is at most about `maxNorm`; returns the norm before.
    @discardableResult
    package static func clip(_ gradient: inout [Float], maxNorm: Double) -> Float {
        let norm = Float(sumOfSquares(gradient).squareRoot())
        let coefficient = Float(maxNorm) / (norm + 1e-6)
        if coefficient < 1 {
            for i in gradient.indices { gradient[i] *= coefficient }
        }
        return norm
    }

    private static func sumOfSquares(_ values: [Float]) -> Double {
        var lanes = SIMD8<Double>()
        let whole = values.count / 8 * 8
        values.withUnsafeBufferPointer { buffer in
            for start in stride(from: 0, to: whole, by: 8) {
                var chunk = SIMD8<Double>()
                for lane in 0..<8 { chunk[lane] = Double(buffer[start + lane]) }
                lanes += chunk * chunk
            }
        }
        var sum = lanes.sum()
        for value in values[whole...] { sum += Double(value) * Double(value) }
        return sum
    }
}
