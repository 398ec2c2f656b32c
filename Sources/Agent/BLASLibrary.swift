import Foundation

/// OpenBLAS's `sgemm`, opened from the shared library on first use (Debian's `libopenblas0`).
///
/// Opening it ourselves, rather than linking it, keeps commands that never train (`plot`) from loading
/// it, and lets it start with one thread: OpenBLAS otherwise starts a pool of busy-waiting threads when
/// the process starts, and the network's matrices are too small to share out anyway.
struct BLASLibrary: @unchecked Sendable {
    /// CBLAS's constants (cblas.h).
    static let rowMajor: Int32 = 101, noTranspose: Int32 = 111, transpose: Int32 = 112

    /// `cblas_sgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)`, with 32-bit
    /// integers as in Debian's OpenBLAS (`blasint` is `int`).
    let sgemm: @convention(c) (Int32, Int32, Int32, Int32, Int32, Int32, Float, UnsafePointer<Float>?, Int32,
                               UnsafePointer<Float>?, Int32, Float, UnsafeMutablePointer<Float>?, Int32) -> Void

    private static let loaded: Result<BLASLibrary, AgentError> = {
        do throws(AgentError) { return .success(try BLASLibrary()) } catch { return .failure(error) }
    }()

    /// The library, or an error saying how to install it.
    static func load() throws(AgentError) -> BLASLibrary { try loaded.get() }

    /// The library for the numeric code, which runs only after `load()` has succeeded (the agent and the
    /// player check it when they are made).
    static var shared: BLASLibrary {
        switch loaded {
        case .success(let library): library
        case .failure(let error): preconditionFailure(error.description)
        }
    }

    private init() throws(AgentError) {
        // Read by OpenBLAS as it loads; an explicit setting of the user's is left alone.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        let names = ["libopenblas.so.0", "libblas.so.3"]
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            throw AgentError.io(path: names[0], reason: "OpenBLAS is not installed (Debian: apt-get install libopenblas0)")
        }
        guard let sgemm = dlsym(handle, "cblas_sgemm") else {
            throw AgentError.io(path: names[0], reason: "the BLAS library has no cblas_sgemm")
        }
        self.sgemm = unsafeBitCast(sgemm, to: type(of: self.sgemm))
        if let setThreads = dlsym(handle, "openblas_set_num_threads") {
            unsafeBitCast(setThreads, to: (@convention(c) (Int32) -> Void).self)(1)
        }
    }
}
