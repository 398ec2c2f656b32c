import Foundation
import NetworkKernels

/// The dense kernels of the network's arithmetic: one C body (the NetworkKernels target) compiled for any
/// processor of the architecture ("portable") and, on x86-64, for AVX2 with FMA ("avx2") and for AVX-512
/// ("avx512"). Swift alone compiles for baseline x86-64 (SSE2), so the choice is made here, at run time:
/// the fastest variant this processor runs, unless `CARTPOLE_KERNELS` names another.
///
/// Every variant computes the same bits (KernelBody.h says how), so one seed trains the same bytes on any
/// processor, and every variant matches PyTorch's fixtures to 1e-5.
package struct Kernels: @unchecked Sendable, Equatable, CustomStringConvertible {
    /// A static table of the C library's; never freed.
    private let table: UnsafePointer<network_kernels>

    private init(_ table: UnsafePointer<network_kernels>) { self.table = table }

    /// "avx512", "avx2" or "portable".
    package var name: String { String(cString: table.pointee.name) }
    package var description: String { name }

    package static func == (lhs: Kernels, rhs: Kernels) -> Bool { lhs.table == rhs.table }

    /// The variant every processor of the architecture runs.
    package static let portable = Kernels(network_kernels_portable())

    /// The variants this processor runs, fastest first (the portable one last).
    package static var available: [Kernels] {
        [network_kernels_avx512(), network_kernels_avx2()].compactMap { $0.map(Kernels.init) } + [portable]
    }

    /// The environment variable that names a variant instead of the fastest.
    package static let environmentVariable = "CARTPOLE_KERNELS"

    private static let selected: Result<Kernels, AgentError> = {
        let best = Kernels(network_kernels_best())
        guard let wanted = ProcessInfo.processInfo.environment[environmentVariable], !wanted.isEmpty else {
            return .success(best)
        }
        if let match = available.first(where: { $0.name == wanted }) { return .success(match) }
        let reason =
            ["avx512", "avx2", "portable"].contains(wanted)
            ? "this processor cannot run them (it runs \(available.map(\.name).joined(separator: ", ")))"
            : "no such kernels (avx512, avx2 or portable)"
        return .failure(.invalidValue("\(environmentVariable)=\(wanted): \(reason)"))
    }()

    /// The kernels to run: the fastest this processor runs, or those `CARTPOLE_KERNELS` names; an error
    /// when it names kernels that do not exist or that this processor cannot run.
    package static func load() throws(AgentError) -> Kernels { try selected.get() }

    /// The kernels for numeric code that runs after `load()` has succeeded (the agent and the player
    /// check it when they are made).
    package static var chosen: Kernels {
        switch selected {
        case .success(let kernels): kernels
        case .failure(let error): preconditionFailure(error.description)
        }
    }

    // MARK: - Calls

    /// c[i][j] = epilogue(bias[j] (or 0) + Σ_p A(i,p)·b[p][j]) with A(i,p) = a[i·aRow + p·aColumn];
    /// the epilogue is ReLU when asked, then zeroes where `mask` (row length `maskRow`) is not positive.
    @inline(__always)
    package func gemm(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, aRow: Int, aColumn: Int,
        b: UnsafePointer<Float>, bRow: Int, bias: UnsafePointer<Float>? = nil, relu: Bool = false,
        mask: UnsafePointer<Float>? = nil, maskRow: Int = 0, c: UnsafeMutablePointer<Float>, cRow: Int
    ) {
        table.pointee.gemm(m, n, k, a, aRow, aColumn, b, bRow, bias, relu ? 1 : 0, mask, maskRow, c, cRow)
    }

    /// out[i][o] = bias[o] + Σ_p a[i][p]·w[o][p]: few outputs, as dot products.
    @inline(__always)
    func dot(
        m: Int, outputs: Int, k: Int, a: UnsafePointer<Float>, aRow: Int, w: UnsafePointer<Float>, wRow: Int,
        bias: UnsafePointer<Float>, out: UnsafeMutablePointer<Float>, outRow: Int
    ) {
        table.pointee.dot(m, outputs, k, a, aRow, w, wRow, bias, out, outRow)
    }

    /// out[j][i] = input[i][j] for an m × n input, zeroed where mask[j][i] is not positive when given.
    @inline(__always)
    func transpose(
        m: Int, n: Int, input: UnsafePointer<Float>, inputRow: Int, mask: UnsafePointer<Float>? = nil,
        maskRow: Int = 0, out: UnsafeMutablePointer<Float>, outRow: Int
    ) {
        table.pointee.transpose(m, n, input, inputRow, mask, maskRow, out, outRow)
    }

    /// sums[j] = Σ_i x[i][j] over an m × n matrix (a product with a row of ones).
    @inline(__always)
    func columnSums(_ x: UnsafePointer<Float>, m: Int, n: Int, into sums: UnsafeMutablePointer<Float>) {
        withUnsafePointer(to: Float(1)) { one in
            gemm(m: 1, n: n, k: m, a: one, aRow: 0, aColumn: 0, b: x, bRow: n, c: sums, cRow: n)
        }
    }

    /// The softmax of `groups` groups of `k` floats, group g at `x + starts[g]` (`x + g·k` without `starts`),
    /// into `p` at the same offsets; when given, each group's mean on `z` into `q`, its largest logit and
    /// its exponentials' sum (see the C header).
    @inline(__always)
    func softmax(
        groups: Int, k: Int, x: UnsafePointer<Float>, starts: UnsafePointer<Int>? = nil, z: UnsafePointer<Float>? = nil,
        p: UnsafeMutablePointer<Float>, q: UnsafeMutablePointer<Float>? = nil,
        largest: UnsafeMutablePointer<Float>? = nil, sum: UnsafeMutablePointer<Float>? = nil
    ) {
        table.pointee.softmax(groups, k, x, starts, z, p, q, largest, sum)
    }

    /// out[i] = addend[i] + a[i]·b[i], or a[i]·b[i] without `addend`, for i < count.
    @inline(__always)
    func products(
        count: Int, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, plus addend: UnsafePointer<Float>? = nil,
        into out: UnsafeMutablePointer<Float>
    ) {
        table.pointee.products(count, a, b, addend, out)
    }

    /// cos(taus[r] · frequencies[i]) into out[r · e + i], e = `frequencies.count` (see the C header).
    @inline(__always)
    func cosines(
        count: Int, taus: UnsafePointer<Float>, frequencies: UnsafeBufferPointer<Float>,
        into out: UnsafeMutablePointer<Float>
    ) {
        table.pointee.cosines(count, taus, frequencies.count, frequencies.baseAddress, out)
    }

    /// One Adam step over `count` parameters (see `Adam.update`).
    @inline(__always)
    func adam(
        count: Int, parameters: UnsafeMutablePointer<Float>, firstMoment: UnsafeMutablePointer<Float>,
        secondMoment: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>, stepSize: Float,
        inverseRootCorrection: Float, weight1: Float, decay2: Float, weight2: Float, epsilon: Float
    ) {
        table.pointee.adam(
            count, parameters, firstMoment, secondMoment, gradient, stepSize, inverseRootCorrection,
            weight1, decay2, weight2, epsilon)
    }
}
