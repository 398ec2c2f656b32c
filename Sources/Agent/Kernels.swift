/// The dense kernels of the network. Matrix products go to OpenBLAS's `sgemm`, which picks AVX2 or
/// AVX-512 kernels at run time (Swift alone compiles for baseline x86-64); the rest are simple loops.
enum Kernels {
    /// c = op(a) · op(b) + beta · c, all row-major; op transposes when asked.
    /// `c` is m × n, op(a) is m × k, op(b) is k × n; `lda`, `ldb` are the stored row lengths.
    @inline(__always)
    static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, c: UnsafeMutablePointer<Float>) {
        BLASLibrary.shared.sgemm(BLASLibrary.rowMajor, transposeA ? BLASLibrary.transpose : BLASLibrary.noTranspose,
                                 transposeB ? BLASLibrary.transpose : BLASLibrary.noTranspose,
                                 Int32(m), Int32(n), Int32(k), 1, a, Int32(lda), b, Int32(ldb), beta, c, Int32(n))
    }

    /// y = x · w + bias for `rows` rows, `w` stored `[inputs][outputs]`; then ReLU if asked.
    static func affine(rows: Int, inputs: Int, outputs: Int, x: UnsafePointer<Float>, w: UnsafePointer<Float>,
                       bias: UnsafePointer<Float>, y: UnsafeMutablePointer<Float>, relu: Bool) {
        for r in 0..<rows { (y + r * outputs).update(from: bias, count: outputs) }
        gemm(m: rows, n: outputs, k: inputs, a: x, lda: inputs, b: w, ldb: outputs, beta: 1, c: y)
        if relu {
            for i in 0..<(rows * outputs) { y[i] = max(y[i], 0) }
        }
    }

    /// sums[j] = Σ_i x[i][j] over an m × n matrix.
    static func columnSums(_ x: UnsafePointer<Float>, m: Int, n: Int, into sums: UnsafeMutablePointer<Float>) {
        sums.update(repeating: 0, count: n)
        for i in 0..<m {
            let row = x + i * n
            for j in 0..<n { sums[j] += row[j] }
        }
    }

    /// x[i] = 0 where mask[i] <= 0 (the ReLU's derivative, read from its output).
    static func maskByPositive(_ x: UnsafeMutablePointer<Float>, _ mask: UnsafePointer<Float>, count: Int) {
        let chunks = count / 16
        let xs = UnsafeMutableRawPointer(x), ms = UnsafeRawPointer(mask), zero = SIMD16<Float>()
        for c in 0..<chunks {
            let v = xs.loadUnaligned(fromByteOffset: c * 64, as: SIMD16<Float>.self)
            let m = ms.loadUnaligned(fromByteOffset: c * 64, as: SIMD16<Float>.self)
            xs.storeBytes(of: v.replacing(with: zero, where: m .<= zero), toByteOffset: c * 64, as: SIMD16<Float>.self)
        }
        for i in (chunks * 16)..<count where mask[i] <= 0 { x[i] = 0 }
    }
}
