import Foundation

/// Adam (Kingma and Ba 2015) exactly as PyTorch's single-tensor `torch.optim.Adam` steps it,
/// with its defaults: lr 1e-3, betas 0.9 and 0.999, eps 1e-8, bias correction, no weight decay.
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
        firstMoment = Array(repeating: 0, count: parameterCount)
        secondMoment = Array(repeating: 0, count: parameterCount)
    }

    /// One step: parameters move against `gradient`, which has one value per parameter.
    public mutating func update(_ parameters: inout [Float], gradient: [Float]) {
        precondition(parameters.count == firstMoment.count && gradient.count == firstMoment.count)
        step += 1
        // PyTorch computes the bias corrections in double, then uses them as float32 scalars.
        let correction1 = 1 - Foundation.pow(beta1, Double(step))
        let correction2Root = (1 - Foundation.pow(beta2, Double(step))).squareRoot()
        let stepSize = Float(learningRate / correction1)
        let rootCorrection = Float(correction2Root)
        let weight1 = Float(1 - beta1), decay2 = Float(beta2), weight2 = Float(1 - beta2), eps = Float(epsilon)
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeBufferPointer { g in
                        for i in 0..<p.count {
                            let gi = g[i]
                            m[i] += weight1 * (gi - m[i])
                            v[i] = v[i] * decay2 + weight2 * (gi * gi)
                            let denominator = v[i].squareRoot() / rootCorrection + eps
                            p[i] -= stepSize * (m[i] / denominator)
                        }
                    }
                }
            }
        }
    }
}
