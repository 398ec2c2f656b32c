/// A noisy network's noise (rainbow chapters 05 and 08): its layers' σ and ε where they lie, new
/// factorised noise, and the noisy weights its training pass runs on and learns through.
extension QNetwork {
    /// A noisy layer's weight or bias: its σ (a parameter) and its ε (a buffer).
    package typealias NoisyTensor = (sigma: Tensor, epsilon: Tensor)

    /// The chapter's noisy layers in its reset_noise order, each as its weight's and its bias's tensors.
    package var noisyLayers: [(weight: NoisyTensor, bias: NoisyTensor)] {
        let noisy = tensors.filter { $0.name.hasSuffix("_sigma") || $0.name.hasSuffix("_epsilon") }
        return stride(from: 0, to: noisy.count, by: 4).map {
            ((noisy[$0], noisy[$0 + 2]), (noisy[$0 + 1], noisy[$0 + 3]))
        }
    }

    /// Floats of a noisy network's σ (and of its ε): its noisy layers' weights and biases, every layer
    /// after the feature layer.
    package static func noisyCount(hidden h: Int, dueling: Bool = false, atoms: Int = 1) -> Int {
        parameterCount(hidden: h, dueling: dueling, atoms: atoms) - (inputs + 1) * h
    }

    /// Where a noisy network's σ begin in `parameters`, after the means: the plain (or dueling) network's.
    package var sigmaOffset: Int { parameters.count - noise.count }

    /// Where the two noisy layers' means begin in `parameters` (the plain network's layer 1).
    var noisyMeansOffset: Int { tensors[2].offset }

    /// New factorised noise for every noisy layer, as the chapters' `reset_noise`: for each, ε_in and
    /// ε_out are f(x) = sign(x)·sqrt(|x|) of standard normal draws (ours: `StandardNormal` on the agent's
    /// generator), the weight's ε is their outer product and the bias's ε_out.
    package mutating func resetNoise(using generator: inout SplitMix64) {
        precondition(noisy, "only a noisy network has noise")
        func scaled(_ count: Int) -> [Float] {
            StandardNormal.draws(count, using: &generator).map { x in Float(x < 0 ? -(-x).squareRoot() : x.squareRoot())
            }
        }
        for (weight, bias) in noisyLayers {
            let (outputs, inputs) = (weight.epsilon.shape[0], weight.epsilon.shape[1])
            let inward = scaled(inputs)
            let outward = scaled(outputs)
            noise.withUnsafeMutableBufferPointer { e in
                outward.withUnsafeBufferPointer { out in
                    for i in 0..<inputs {
                        let row = e.start + weight.epsilon.offset + i * weight.epsilon.stride
                        let factor = inward[i]
                        for o in 0..<outputs { row[o] = out[o] * factor }
                    }
                    (e.start + bias.epsilon.offset).update(from: out.start, count: outputs)
                }
            }
        }
    }

    /// The mean |σ| over the weights and biases of the first noisy layer (both streams' first layers, in a
    /// dueling network) and of the last (both streams' last): how much noise each keeps.
    package var meanAbsoluteSigmas: [Float] {
        let sigmas = sigmaOffset
        let first = (hidden + 1) * secondWidth
        let layers = [(sigmas, first), (sigmas + first, noise.count - first)]
        return layers.map { start, count in
            Float(parameters[start..<(start + count)].reduce(0.0) { $0 + Double(abs($1)) } / Double(count))
        }
    }

    /// A noisy network as its training forward pass sees it: the plain (or dueling) network whose noisy
    /// layers' weights are μ + σ ⊙ ε.
    package var withNoise: QNetwork {
        var plain = QNetwork(
            hidden: hidden, dueling: dueling, support: support, embedding: embedding, quantiles: quantiles)
        plain.frequencies = frequencies
        applyNoise(to: &plain)
        return plain
    }

    /// Writes μ + σ ⊙ ε into `plain`, a network of this one's shape without noise (reused between updates).
    package func applyNoise(to plain: inout QNetwork, kernels: Kernels = .chosen) {
        let (means, sigmas) = (noisyMeansOffset, sigmaOffset)
        precondition(noisy && !plain.noisy && plain.parameters.count == sigmas, "a network of the same shape")
        plain.parameters.withUnsafeMutableBufferPointer { out in
            parameters.withUnsafeBufferPointer { p in
                noise.withUnsafeBufferPointer { e in
                    out.start.update(from: p.start, count: means)
                    kernels.products(
                        count: e.count, p.start + sigmas, e.start, plus: p.start + means, into: out.start + means)
                    // An implicit quantile network's embedding layer, between the noisy layers and the σ.
                    let embedding = means + e.count
                    (out.start + embedding).update(from: p.start + embedding, count: sigmas - embedding)
                }
            }
        }
    }

    /// A noisy network's gradient from the gradient of its `withNoise` network: the means' is that one's,
    /// and each σ's is its weight's times its ε.
    package func noisyGradient(from plain: [Float], into gradient: inout [Float], kernels: Kernels = .chosen) {
        let (means, sigmas) = (noisyMeansOffset, sigmaOffset)
        precondition(noisy && plain.count == sigmas && gradient.count == parameters.count)
        gradient.withUnsafeMutableBufferPointer { out in
            plain.withUnsafeBufferPointer { g in
                noise.withUnsafeBufferPointer { e in
                    out.start.update(from: g.start, count: sigmas)
                    kernels.products(count: e.count, g.start + means, e.start, into: out.start + sigmas)
                }
            }
        }
    }
}
