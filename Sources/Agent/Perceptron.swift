import Foundation
import OutputFiles

/// A multilayer perceptron 4 → h1 → ... → hk → 2 with one activation after every hidden layer, as other
/// trainers save their Q-networks (Stable-Baselines3's `net_arch`, CleanRL's 120-84 network). It only plays:
/// the notebook's own shape is trained and played by `QNetwork`.
///
/// Each layer's weight is kept transposed, `[in][out]`, as `QNetwork` keeps its own, for the same kernels.
package struct Perceptron: QFunction, Equatable {
    /// The activations a layer of PyTorch's `nn` can be followed by here.
    package enum Activation: String, Sendable, CaseIterable {
        case relu = "ReLU"
        case tanh = "Tanh"
    }

    package struct Layer: Sendable, Equatable {
        package let inputs: Int
        package let outputs: Int
        /// `[in][out]`.
        let weightT: [Float]
        let bias: [Float]
    }

    package let layers: [Layer]
    package let activation: Activation

    /// A network from PyTorch's layout, each layer's weight `[out][in]` row-major with its bias, the
    /// first taking 4 inputs and each the previous one's outputs, the last giving 2.
    package init(layers: [(weight: [Float], bias: [Float])], activation: Activation) {
        var inputs = QNetwork.inputs
        self.layers = layers.map { weight, bias in
            let outputs = bias.count
            precondition(weight.count == inputs * outputs, "a layer's weight must fit its inputs and bias")
            var weightT = [Float](repeating: 0, count: weight.count)
            for o in 0..<outputs {
                for i in 0..<inputs { weightT[i * outputs + o] = weight[o * inputs + i] }
            }
            defer { inputs = outputs }
            return Layer(inputs: inputs, outputs: outputs, weightT: weightT, bias: bias)
        }
        precondition(inputs == QNetwork.actions, "the last layer must give one value per action")
        self.activation = activation
    }

    /// The widths of the hidden layers.
    package var hidden: [Int] { layers.dropLast().map(\.outputs) }

    package func qValues(_ observation: Observation) -> SIMD2<Float> {
        let widest = layers.map(\.outputs).max() ?? 0
        let kernels = Kernels.chosen
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * max(widest, QNetwork.inputs)) { scratch in
            var x = scratch.start
            var y = x + max(widest, QNetwork.inputs)
            for j in 0..<QNetwork.inputs { x[j] = observation[j] }
            for (index, layer) in layers.enumerated() {
                let last = index == layers.count - 1
                layer.weightT.withUnsafeBufferPointer { w in
                    layer.bias.withUnsafeBufferPointer { b in
                        kernels.gemm(
                            m: 1, n: layer.outputs, k: layer.inputs, a: x, aRow: layer.inputs, aColumn: 1,
                            b: w.start, bRow: layer.outputs, bias: b.start,
                            relu: !last && activation == .relu, c: y, cRow: layer.outputs)
                    }
                }
                if !last && activation == .tanh {
                    for j in 0..<layer.outputs { y[j] = Float(Foundation.tanh(Double(y[j]))) }
                }
                swap(&x, &y)
            }
            return SIMD2(x[0], x[1])
        }
    }
}
