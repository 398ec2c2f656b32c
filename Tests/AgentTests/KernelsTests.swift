import Foundation
import Testing

@testable import Agent

/// Every variant of the network's kernels this processor runs (the portable one always, AVX2 and AVX-512
/// where the processor has them) against a double-precision reference, on shapes that fill whole tiles and
/// shapes that leave every kind of tail; and training on each variant reproducible bit for bit.
@Suite struct KernelsTests {
    static let names = Kernels.available.map(\.name)

    static func kernels(_ name: String) throws -> Kernels { try #require(Kernels.available.first { $0.name == name }) }

    static func random(_ count: Int, using generator: inout SplitMix64) -> [Float] {
        (0..<count).map { _ in Float(generator.nextUnit() * 2 - 1) }
    }

    @Test func thePortableVariantIsAlwaysThereAndTheChosenOneIsTheFastest() {
        #expect(Kernels.available.last == .portable)
        // CARTPOLE_KERNELS, when set, names the chosen variant; otherwise it is the fastest this processor runs.
        if let wanted = ProcessInfo.processInfo.environment["CARTPOLE_KERNELS"], !wanted.isEmpty {
            #expect(Kernels.chosen.name == wanted)
        } else {
            #expect(Kernels.available.first == Kernels.chosen)
        }
    }

    @Test(arguments: names)
    func productsMatchAReferenceAndARowDoesNotDependOnTheOthers(name: String) throws {
        let kernels = try Self.kernels(name)
        var generator = SplitMix64(seed: 5)
        // (m, n, k): whole AVX-512 tiles, the agent's shapes, and tails of rows, vectors and lanes.
        let shapes = [
            (32, 128, 128), (128, 32, 128), (128, 128, 32), (1, 128, 128), (4, 128, 32), (2, 128, 32),
            (9, 37, 5), (17, 3, 40), (1, 1, 1), (13, 200, 3), (33, 129, 31),
        ]
        for (m, n, k) in shapes {
            for (transposed, useBias, relu, useMask) in [
                (false, true, true, false), (true, false, false, true), (false, false, false, false),
            ] {
                let a = Self.random(m * k, using: &generator)
                let b = Self.random(k * n, using: &generator)
                let bias = Self.random(n, using: &generator)
                let mask = Self.random(m * n, using: &generator)
                let (aRow, aColumn) = transposed ? (1, m) : (k, 1)
                var c = [Float](repeating: .nan, count: m * n)
                var single = [Float](repeating: .nan, count: n)
                func run(rows: Int, into out: inout [Float]) {
                    out.withUnsafeMutableBufferPointer { out in
                        kernels.gemm(
                            m: rows, n: n, k: k, a: a, aRow: aRow, aColumn: aColumn, b: b, bRow: n,
                            bias: useBias ? bias : nil, relu: relu, mask: useMask ? mask : nil, maskRow: n,
                            c: out.baseAddress!, cRow: n)
                    }
                }
                run(rows: m, into: &c)
                run(rows: 1, into: &single)
                var worst = 0.0
                for i in 0..<m {
                    for j in 0..<n {
                        var sum = useBias ? Double(bias[j]) : 0
                        for p in 0..<k { sum += Double(a[i * aRow + p * aColumn]) * Double(b[p * n + j]) }
                        if relu && sum < 0 { sum = 0 }
                        if useMask && mask[i * n + j] <= 0 { sum = 0 }
                        worst = max(worst, abs(Double(c[i * n + j]) - sum) / (1 + abs(sum)))
                    }
                }
                #expect(worst < 1e-5, "\(name) gemm \(m)x\(n)x\(k) transposed \(transposed): \(worst)")
                #expect(Array(c[0..<n]) == single, "\(name) gemm \(m)x\(n)x\(k): the first row alone differs")
            }
        }
    }

    @Test(arguments: names)
    func transposesDotsAndColumnSumsMatchAReference(name: String) throws {
        let kernels = try Self.kernels(name)
        var generator = SplitMix64(seed: 6)
        for (m, n) in [(32, 128), (128, 32), (128, 2), (2, 128), (19, 35), (1, 7), (16, 16)] {
            let input = Self.random(m * n, using: &generator)
            let mask = Self.random(n * m, using: &generator)
            var out = [Float](repeating: .nan, count: m * n)
            var masked = out
            kernels.transpose(m: m, n: n, input: input, inputRow: n, out: &out, outRow: m)
            kernels.transpose(m: m, n: n, input: input, inputRow: n, mask: mask, maskRow: m, out: &masked, outRow: m)
            for i in 0..<m {
                for j in 0..<n {
                    #expect(out[j * m + i] == input[i * n + j], "\(name) transpose \(m)x\(n) at \(i),\(j)")
                    #expect(
                        masked[j * m + i] == (mask[j * m + i] > 0 ? input[i * n + j] : 0),
                        "\(name) masked transpose \(m)x\(n)")
                }
            }
            var sums = [Float](repeating: .nan, count: n)
            kernels.columnSums(input, m: m, n: n, into: &sums)
            for j in 0..<n {
                let sum = (0..<m).reduce(0.0) { $0 + Double(input[$1 * n + j]) }
                #expect(abs(Double(sums[j]) - sum) < 1e-5 * (1 + abs(sum)), "\(name) column sums \(m)x\(n)")
            }
        }
        for (m, outputs, k) in [(32, 2, 128), (1, 2, 128), (5, 3, 21), (3, 1, 2)] {
            let a = Self.random(m * k, using: &generator)
            let w = Self.random(outputs * k, using: &generator)
            let bias = Self.random(outputs, using: &generator)
            var out = [Float](repeating: .nan, count: m * outputs)
            kernels.dot(
                m: m, outputs: outputs, k: k, a: a, aRow: k, w: w, wRow: k, bias: bias, out: &out, outRow: outputs)
            for i in 0..<m {
                for o in 0..<outputs {
                    let sum = (0..<k).reduce(Double(bias[o])) { $0 + Double(a[i * k + $1]) * Double(w[o * k + $1]) }
                    #expect(
                        abs(Double(out[i * outputs + o]) - sum) < 1e-5 * (1 + abs(sum)),
                        "\(name) dot \(m)x\(outputs)x\(k)")
                }
            }
        }
    }

    /// Elementwise products (a noisy layer's σ·ε) and their sums with an addend (μ + σ·ε): the product
    /// rounded, then the sum, over vectors and the lanes after them.
    @Test(arguments: names)
    func elementwiseProductsAreRoundedThenAdded(name: String) throws {
        let kernels = try Self.kernels(name)
        var generator = SplitMix64(seed: 12)
        for count in [0, 1, 15, 16, 17, 1000 + 7] {
            let (a, b, c) = (
                Self.random(count, using: &generator), Self.random(count, using: &generator),
                Self.random(count, using: &generator)
            )
            var products = [Float](repeating: .nan, count: count)
            var sums = [Float](repeating: .nan, count: count)
            kernels.products(count: count, a, b, into: &products)
            kernels.products(count: count, a, b, plus: c, into: &sums)
            #expect(products == (0..<count).map { a[$0] * b[$0] }, "\(name): \(count) products")
            #expect(sums == (0..<count).map { c[$0] + a[$0] * b[$0] }, "\(name): \(count) sums")
        }
    }

    @Test(arguments: names)
    func adamStepsMatchAReference(name: String) throws {
        var generator = SplitMix64(seed: 7)
        let count = 37  // two AVX-512 vectors and a tail
        var parameters = Self.random(count, using: &generator)
        var reference = parameters.map(Double.init)
        var adam = Adam(parameterCount: count, kernels: try Self.kernels(name))
        var m = [Double](repeating: 0, count: count)
        var v = m
        for step in 1...5 {
            let gradient = Self.random(count, using: &generator).map { $0 * 0.1 }
            adam.update(&parameters, gradient: gradient)
            for i in 0..<count {
                m[i] = 0.9 * m[i] + 0.1 * Double(gradient[i])
                v[i] = 0.999 * v[i] + 0.001 * Double(gradient[i]) * Double(gradient[i])
                let corrected = (v[i] / (1 - pow(0.999, Double(step)))).squareRoot()
                reference[i] -= 1e-3 / (1 - pow(0.9, Double(step))) * m[i] / (corrected + 1e-8)
            }
        }
        let worst = zip(parameters, reference).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst < 1e-6, "\(name) Adam: \(worst) from the reference after 5 steps")
    }

    @Test(arguments: names)
    func trainingOnOneVariantIsReproducible(name: String) throws {
        var configuration = TrainingConfiguration()
        configuration.frames = 300
        configuration.hidden = 24
        func train() throws -> [Float] {
            let agent = try DQNAgent(configuration: configuration, kernels: try Self.kernels(name))
            while !agent.isFinished { agent.step() }
            #expect(agent.updates > 200)
            return agent.online.parameters
        }
        #expect(try train() == train(), "\(name): two trainings from the same seed differ")
    }

    /// The arithmetic is one contract (KernelBody.h): every variant this processor runs gives the portable
    /// variant's bytes, kernel by kernel on shapes with every kind of tail, and for a whole training.
    @Test func everyVariantComputesThePortableVariantsBytes() throws {
        let portable = Kernels.portable
        var generator = SplitMix64(seed: 31)
        for kernels in Kernels.available where kernels != portable {
            for (m, n, k) in [(32, 128, 128), (33, 129, 31), (1, 2, 128), (9, 37, 5), (128, 2, 17), (7, 3, 300)] {
                let a = Self.random(m * k, using: &generator)
                let b = Self.random(k * n, using: &generator)
                let bias = Self.random(n, using: &generator)
                func product(_ kernels: Kernels) -> [Float] {
                    var c = [Float](repeating: .nan, count: m * n)
                    c.withUnsafeMutableBufferPointer {
                        kernels.gemm(
                            m: m, n: n, k: k, a: a, aRow: k, aColumn: 1, b: b, bRow: n, bias: bias, relu: true,
                            mask: nil, maskRow: n, c: $0.baseAddress!, cRow: n)
                    }
                    return c
                }
                #expect(product(kernels) == product(portable), "\(kernels.name) gemm \(m)x\(n)x\(k)")
                let w = Self.random(n * k, using: &generator)
                func dot(_ kernels: Kernels) -> [Float] {
                    var out = [Float](repeating: .nan, count: m * n)
                    kernels.dot(m: m, outputs: n, k: k, a: a, aRow: k, w: w, wRow: k, bias: bias, out: &out, outRow: n)
                    return out
                }
                #expect(dot(kernels) == dot(portable), "\(kernels.name) dot \(m)x\(n)x\(k)")
            }
            let count = 17_000 + 13
            let start = Self.random(count, using: &generator)
            let gradients = (0..<4).map { _ in Self.random(count, using: &generator).map { $0 * 0.01 } }
            func adam(_ kernels: Kernels) -> [Float] {
                var parameters = start
                var adam = Adam(parameterCount: count, kernels: kernels)
                for gradient in gradients { adam.update(&parameters, gradient: gradient) }
                return parameters
            }
            #expect(adam(kernels) == adam(portable), "\(kernels.name) Adam")
            // A training, one with Double DQN, whose targets take the online network's next-state pass, and
            // one with prioritized replay, whose draws follow the losses, a dueling one with its gradient
            // clipped, a noisy one (with Double DQN, the noisy network picks the next actions), a
            // categorical one, one with all of them (chapter 08's), an implicit quantile one and one with all
            // but the categorical network (chapter 09's).
            for (double, prioritized, dueling, noisy, categorical, iqn) in [
                (false, false, false, false, false, false), (true, false, false, false, false, false),
                (false, true, false, false, false, false), (false, false, true, false, false, false),
                (true, false, false, true, false, false), (false, false, false, false, true, false),
                (true, true, true, true, true, false), (false, false, false, false, false, true),
                (true, true, true, true, false, true),
            ] {
                var configuration = TrainingConfiguration()
                configuration.frames = 400
                configuration.hidden = 40
                configuration.double = double
                configuration.prioritized = prioritized
                configuration.dueling = dueling
                configuration.noisy = noisy
                configuration.categorical = categorical
                if categorical { configuration.atoms = 11 }
                configuration.iqn = iqn
                if iqn {
                    (configuration.tauSamples, configuration.tauPrimeSamples, configuration.quantileSamples) = (5, 3, 4)
                    configuration.quantileEmbeddingDim = 9
                    configuration.batchSize = 8  // a row per fraction: as many rows as the others' batches
                }
                configuration.clipGradNorm = dueling ? 1 : 0
                func train(_ kernels: Kernels) throws -> (parameters: [Float], losses: [Float?]) {
                    let agent = try DQNAgent(configuration: configuration, kernels: kernels)
                    while !agent.isFinished { agent.step() }
                    return (agent.online.parameters, agent.metrics.rows.map(\.loss))
                }
                let (ours, theirs) = (try train(kernels), try train(portable))
                let what =
                    "\(kernels.name)\(double ? ", double" : "")\(prioritized ? ", prioritized" : "")\(dueling ? ", dueling" : "")\(noisy ? ", noisy" : "")\(categorical ? ", categorical" : "")\(iqn ? ", iqn" : "")"
                #expect(ours.parameters == theirs.parameters, "\(what): a training's weights differ from portable's")
                #expect(ours.losses == theirs.losses, "\(what): a training's losses differ from portable's")
            }
        }
    }
}
