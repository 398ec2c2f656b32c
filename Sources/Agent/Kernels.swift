/// The dense kernels of the network: small matrix products written so the compiler keeps accumulators
/// in vector registers (16-float SIMD chunks of the output row, four rows at a time).
enum Kernels {
    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> SIMD16<Float> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Float>.self)
    }

    @inline(__always)
    static func store(_ v: SIMD16<Float>, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Float>.self)
    }

    /// c[i][j] = start[j] + Σ_p a[i*aRow + p*aCol] · b[p][j], for i < m, j < n, p < k; then ReLU if asked.
    ///
    /// `b` and `c` are row-major with `n` columns. `start` is the bias, or nil for zero.
    /// `a`'s strides let the same kernel read a matrix or its transpose.
    static func multiply(m: Int, n: Int, k: Int,
                         a: UnsafePointer<Float>, aRow: Int, aCol: Int,
                         b: UnsafePointer<Float>, start: UnsafePointer<Float>?,
                         c: UnsafeMutablePointer<Float>, relu: Bool) {
        let chunks = n / 16
        var i = 0
        while i + 4 <= m {
            let a0 = a + i * aRow, a1 = a0 + aRow, a2 = a1 + aRow, a3 = a2 + aRow
            for chunk in 0..<chunks {
                let j = chunk * 16
                let initial = start.map { load($0 + j) } ?? SIMD16<Float>()
                var c0 = initial, c1 = initial, c2 = initial, c3 = initial
                var bp = b + j
                for p in 0..<k {
                    let bv = load(bp)
                    let offset = p * aCol
                    c0 += a0[offset] * bv
                    c1 += a1[offset] * bv
                    c2 += a2[offset] * bv
                    c3 += a3[offset] * bv
                    bp += n
                }
                if relu {
                    let zero = SIMD16<Float>()
                    c0 = c0.replacing(with: zero, where: c0 .< zero)
                    c1 = c1.replacing(with: zero, where: c1 .< zero)
                    c2 = c2.replacing(with: zero, where: c2 .< zero)
                    c3 = c3.replacing(with: zero, where: c3 .< zero)
                }
                store(c0, c + i * n + j)
                store(c1, c + (i + 1) * n + j)
                store(c2, c + (i + 2) * n + j)
                store(c3, c + (i + 3) * n + j)
            }
            i += 4
        }
        // Rows left over by the blocks of four, one at a time.
        while i < m {
            let ai = a + i * aRow
            for chunk in 0..<chunks {
                let j = chunk * 16
                var acc = start.map { load($0 + j) } ?? SIMD16<Float>()
                for p in 0..<k { acc += ai[p * aCol] * load(b + p * n + j) }
                if relu { acc = acc.replacing(with: SIMD16<Float>(), where: acc .< SIMD16<Float>()) }
                store(acc, c + i * n + j)
            }
            i += 1
        }
        // Columns left over by the 16-wide chunks, scalar.
        for j in (chunks * 16)..<n {
            for row in 0..<m {
                var acc = start?[j] ?? 0
                let ai = a + row * aRow
                for p in 0..<k { acc += ai[p * aCol] * b[p * n + j] }
                c[row * n + j] = relu ? max(acc, 0) : acc
            }
        }
    }

    /// t[j][i] = s[i][j] for an r × q matrix `s`.
    static func transpose(_ s: UnsafePointer<Float>, rows r: Int, columns q: Int, into t: UnsafeMutablePointer<Float>) {
        let block = 16
        for i0 in stride(from: 0, to: r, by: block) {
            for j0 in stride(from: 0, to: q, by: block) {
                for i in i0..<min(i0 + block, r) {
                    for j in j0..<min(j0 + block, q) { t[j * r + i] = s[i * q + j] }
                }
            }
        }
    }

    /// sums[j] = Σ_i x[i][j] over an m × n matrix.
    static func columnSums(_ x: UnsafePointer<Float>, m: Int, n: Int, into sums: UnsafeMutablePointer<Float>) {
        for j in 0..<n { sums[j] = 0 }
        for i in 0..<m {
            for j in 0..<n { sums[j] += x[i * n + j] }
        }
    }

    /// x[i] = 0 where mask[i] <= 0 (the ReLU's derivative, from its output).
    static func maskByPositive(_ x: UnsafeMutablePointer<Float>, _ mask: UnsafePointer<Float>, count: Int) {
        for i in 0..<count where mask[i] <= 0 { x[i] = 0 }
    }
}
