import Foundation

/// OpenBLAS's `sgemm`, opened from the shared library on first use (Debian's `libopenblas0`).
///
/// Opening it ourselves, rather than linking it, keeps commands that never train (`plot`) from loading
/// it, and lets it start with one thread: OpenBLAS otherwise starts a pool of busy-waiting threads when
/// the process starts, and the network's matrices are too small to share out anyway.
public struct BLASLibrary: @unchecked Sendable {
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

    /// What OpenBLAS reports of itself: its build configuration and the kernel it chose for this processor
    /// (which `OPENBLAS_CORETYPE` overrides), e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Haswell"; nil when the
    /// library is another BLAS or cannot be opened.
    public static var kernelDescription: String? {
        guard let library = try? load(), let core = library.coreName else { return nil }
        return [library.configuration, core].compactMap { $0 }.joined(separator: ", kernel ")
    }

    private let coreName: String?
    private let configuration: String?

    private init() throws(AgentError) {
        // Read by OpenBLAS as it loads; an explicit setting of the user's is left alone.
        setenv("OPENBLAS_NUM_THREADS", "1", 0)
        let names = ["libopenblas.so.0", "libblas.so.3"]
        // A plain loop: a lazy compactMap's `first` calls its closure twice, opening the library twice.
        func open() -> UnsafeMutableRawPointer? {
            for name in names { if let handle = dlopen(name, RTLD_NOW | RTLD_LOCAL) { return handle } }
            return nil
        }
        guard var handle = open() else {
            throw AgentError.io(path: names[0], reason: "OpenBLAS is not installed (Debian: apt-get install libopenblas0)")
        }
        // An OpenBLAS older than the processor falls back to its SSE3 kernels (Debian 12's 0.3.21 does on
        // Intel's 2023 Xeons), at half the speed of its AVX2 ones. Unless the user chose a kernel, it is
        // reopened with the kernel that matches what the processor can do.
        var corrected: String?
        if ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] == nil,
           let chosen = Self.coreName(handle), Self.genericKernels.contains(chosen), let better = Self.kernelForProcessor() {
            dlclose(handle)
            setenv("OPENBLAS_CORETYPE", better, 1)
            let reopened = open()
            unsetenv("OPENBLAS_CORETYPE")
            guard let reopened else { throw AgentError.io(path: names[0], reason: "OpenBLAS could not be opened again") }
            handle = reopened
            corrected = chosen
        }
        guard let sgemm = dlsym(handle, "cblas_sgemm") else {
            throw AgentError.io(path: names[0], reason: "the BLAS library has no cblas_sgemm")
        }
        self.sgemm = unsafeBitCast(sgemm, to: type(of: self.sgemm))
        coreName = Self.coreName(handle).map { name in corrected.map { "\(name) (it chose \($0), older than this processor)" } ?? name }
        typealias Text = @convention(c) () -> UnsafePointer<CChar>?
        configuration = dlsym(handle, "openblas_get_config").flatMap { unsafeBitCast($0, to: Text.self)() }
            .map { String(cString: $0).trimmingCharacters(in: .whitespaces) }
        if let setThreads = dlsym(handle, "openblas_set_num_threads") {
            unsafeBitCast(setThreads, to: (@convention(c) (Int32) -> Void).self)(1)
        }
    }

    /// OpenBLAS's kernels for processors before AVX2.
    static let genericKernels: Set<String> = ["Prescott", "Core2", "Penryn", "Dunnington", "Nehalem", "Atom", "Sandybridge"]

    private static func coreName(_ handle: UnsafeMutableRawPointer) -> String? {
        typealias Text = @convention(c) () -> UnsafePointer<CChar>?
        return dlsym(handle, "openblas_get_corename").flatMap { unsafeBitCast($0, to: Text.self)() }.map { String(cString: $0) }
    }

    /// The OpenBLAS kernel for what this processor can do, from its flags in /proc/cpuinfo: SkylakeX with
    /// AVX-512 (F, BW, VL, DQ), Haswell with AVX2 and FMA, none otherwise (or on other architectures).
    static func kernelForProcessor() -> String? {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
              let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return nil }
        let flags = Set(line.split(separator: " ").map(String.init))
        if flags.isSuperset(of: ["avx512f", "avx512bw", "avx512vl", "avx512dq"]) { return "SkylakeX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "Haswell" }
        return nil
    }
}
