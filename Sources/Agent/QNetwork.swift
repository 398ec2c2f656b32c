import OutputFiles

/// The Q-network `Linear(4,h)-ReLU-Linear(h,h)-ReLU-Linear(h,2)` of the notebook's `Network`.
///
/// All parameters live in one flat array, layer by layer: the weight stored transposed, `[in][out]`
/// (so the forward pass streams along output rows), then the bias. `weight(_:)` gives PyTorch's `[out][in]`.
public struct QNetwork: QFunction, Equatable {
    /// The observation's size: cart position and velocity, pole angle and angular velocity.
    public static let inputs = 4
    /// The actions: push left, push right.
    public static let actions = 2
    /// Units in each of the two hidden layers.
    public let hidden: Int
    package var parameters: [Float]

    package init(hidden: Int) {
        precondition(hidden > 0, "the hidden layers need units")
        self.hidden = hidden
        parameters = Array(repeating: 0, count: Self.parameterCount(hidden: hidden))
    }

    /// A network initialised as PyTorch's `nn.Linear`: weights and biases uniform in ±1/sqrt(fan_in).
    package init(hidden: Int, using generator: inout SplitMix64) {
        self.init(hidden: hidden)
        for layer in 0..<3 {
            let (inputs, outputs) = shape(layer)
            let bound = 1 / Double(inputs).squareRoot()
            func draw() -> Float { Float(-bound + 2 * bound * generator.nextUnit()) }
            var weight = [Float](repeating: 0, count: inputs * outputs)
            for i in weight.indices { weight[i] = draw() }
            setWeight(layer, weight)
            setBias(layer, (0..<outputs).map { _ in draw() })
        }
    }

    /// Number of parameters of a network with `hidden` units per hidden layer.
    package static func parameterCount(hidden: Int) -> Int {
        (inputs + 1) * hidden + (hidden + 1) * hidden + (hidden + 1) * actions
    }

    /// (inputs, outputs) of layer 0, 1 or 2.
    package func shape(_ layer: Int) -> (inputs: Int, outputs: Int) {
        switch layer {
        case 0: (Self.inputs, hidden)
        case 1: (hidden, hidden)
        default: (hidden, Self.actions)
        }
    }

    /// Offset in `parameters` of the layer's transposed weight; its bias follows it.
    func weightOffset(_ layer: Int) -> Int {
        (0..<layer).reduce(0) { offset, l in
            let (inputs, outputs) = shape(l)
            return offset + (inputs + 1) * outputs
        }
    }

    func biasOffset(_ layer: Int) -> Int {
        let (inputs, outputs) = shape(layer)
        return weightOffset(layer) + inputs * outputs
    }

    /// The layer's weight in PyTorch's layout, `[out][in]` row-major.
    package func weight(_ layer: Int) -> [Float] {
        let (inputs, outputs) = shape(layer)
        let base = weightOffset(layer)
        var result = [Float](repeating: 0, count: inputs * outputs)
        for o in 0..<outputs {
            for i in 0..<inputs { result[o * inputs + i] = parameters[base + i * outputs + o] }
        }
        return result
    }

    package func bias(_ layer: Int) -> [Float] {
        let base = biasOffset(layer)
        return Array(parameters[base..<(base + shape(layer).outputs)])
    }

    /// Sets the layer's weight from PyTorch's layout, `[out][in]` row-major.
    package mutating func setWeight(_ layer: Int, _ weight: [Float]) {
        let (inputs, outputs) = shape(layer)
        precondition(weight.count == inputs * outputs, "layer \(layer) weight needs \(inputs * outputs) values")
        let base = weightOffset(layer)
        for o in 0..<outputs {
            for i in 0..<inputs { parameters[base + i * outputs + o] = weight[o * inputs + i] }
        }
    }

    package mutating func setBias(_ layer: Int, _ bias: [Float]) {
        precondition(bias.count == shape(layer).outputs, "layer \(layer) bias needs \(shape(layer).outputs) values")
        let base = biasOffset(layer)
        parameters.replaceSubrange(base..<(base + bias.count), with: bias)
    }

    // MARK: - Forward

    /// Q-values of `rows` observations (`[rows][4]`) into `q` (`[rows][2]`), keeping the hidden activations
    /// in `h1` and `h2` (`[rows][hidden]` each) for a backward pass, and the last layer's weight as
    /// `[actions][hidden]` in `w3T` when it is given (the backward pass needs it too).
    func forward(
        rows: Int, observations: UnsafePointer<Float>, h1: UnsafeMutablePointer<Float>,
        h2: UnsafeMutablePointer<Float>, q: UnsafeMutablePointer<Float>, w3T: UnsafeMutablePointer<Float>? = nil,
        kernels: Kernels = .chosen
    ) {
        let h = hidden
        parameters.withUnsafeBufferPointer { p in
            let base = p.start
            kernels.gemm(
                m: rows, n: h, k: Self.inputs, a: observations, aRow: Self.inputs, aColumn: 1,
                b: base + weightOffset(0), bRow: h, bias: base + biasOffset(0), relu: true, c: h1, cRow: h)
            kernels.gemm(
                m: rows, n: h, k: h, a: h1, aRow: h, aColumn: 1,
                b: base + weightOffset(1), bRow: h, bias: base + biasOffset(1), relu: true, c: h2, cRow: h)
            // Two outputs fill no vector: the last layer runs as dot products with its weight's rows.
            func lastLayer(_ w3: UnsafeMutablePointer<Float>) {
                kernels.transpose(
                    m: h, n: Self.actions, input: base + weightOffset(2), inputRow: Self.actions, out: w3, outRow: h)
                kernels.dot(
                    m: rows, outputs: Self.actions, k: h, a: h2, aRow: h, w: w3, wRow: h,
                    bias: base + biasOffset(2), out: q, outRow: Self.actions)
            }
            if let w3T {
                lastLayer(w3T)
            } else {
                withUnsafeTemporaryAllocation(of: Float.self, capacity: Self.actions * h) { lastLayer($0.start) }
            }
        }
    }

    /// The two action values of one observation (scratch space on the stack: no allocation per call).
    public func qValues(_ observation: Observation) -> SIMD2<Float> {
        withUnsafeTemporaryAllocation(of: Float.self, capacity: Self.inputs + 2 * hidden + Self.actions) { scratch in
            let x = scratch.start
            let h1 = x + Self.inputs
            let h2 = h1 + hidden
            let q = h2 + hidden
            for j in 0..<Self.inputs { x[j] = observation[j] }
            forward(rows: 1, observations: x, h1: h1, h2: h2, q: q)
            return SIMD2(q[0], q[1])
        }
    }
}
