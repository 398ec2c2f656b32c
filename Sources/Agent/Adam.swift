import Foundation
import OutputFiles

/// Adam (Kingma and Ba 2015) as PyTorch's single-tensor `torch.optim.Adam` steps it, with its defaults:
/// lr 1e-3, betas 0.9 and 0.999, eps 1e-8, bias correction, no weight decay.
package struct Adam: Sendable {
    package let learningRate: Double
    package let beta1: Double
    package let beta2: Double
    package let epsilon: Double
    package let kernels: Kernels
    package private(set) var step = 0
    private var firstMoment: [Float]
    private var secondMoment: [Float]

    package init(
        parameterCount: Int, learningRate: Double = 1e-3, beta1: Double = 0.9, beta2: Double = 0.999,
        epsilon: Double = 1e-8, kernels: Kernels = .chosen
    ) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.kernels = kernels
        firstMoment = Array(repeating: 0, count: parameterCount)
        secondMoment = Array(repeating: 0, count: parameterCount)
    }

    /// One step: parameters move against `gradient`, which has one value per parameter. Moments that decay
    /// into the subnormal range are kept at zero: on many Intel processors every operation on a subnormal
    /// takes a microcode assist (the step ran ten times slower), and a moment that small moves no parameter.
    package mutating func update(_ parameters: inout [Float], gradient: [Float]) {
        let count = parameters.count
        precondition(gradient.count == count && firstMoment.count == count, "one gradient value per parameter")
        step += 1
        // PyTorch computes the bias corrections in double, then uses them as float32 scalars; the powers
        // are correctly rounded, as the C library's are not on every processor.
        let correction1 = 1 - CorrectlyRounded.power(beta1, step)
        let correction2Root = (1 - CorrectlyRounded.power(beta2, step)).squareRoot()
        let kernels = kernels
        let stepSize = Float(learningRate / correction1)
        let inverseRootCorrection = Float(1 / correction2Root)
        let weight1 = Float(1 - beta1)
        let decay2 = Float(beta2)
        let weight2 = Float(1 - beta2)
        let eps = Float(epsilon)
        firstMoment.withUnsafeMutableBufferPointer { m in
            secondMoment.withUnsafeMutableBufferPointer { v in
                parameters.withUnsafeMutableBufferPointer { p in
                    gradient.withUnsafeBufferPointer { g in
                        kernels.adam(
                            count: count, parameters: p.start, firstMoment: m.start,
                            secondMoment: v.start, gradient: g.start, stepSize: stepSize,
                            inverseRootCorrection: inverseRootCorrection, weight1: weight1, decay2: decay2,
                            weight2: weight2, epsilon: eps)
                    }
                }
            }
        }
    }
}
