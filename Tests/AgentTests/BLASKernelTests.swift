@testable import Agent
import Foundation
import Testing

/// OpenBLAS runs the kernel the user chose, or one that fits the processor: never its SSE3 fallback on a
/// processor with AVX2 (Debian 12's OpenBLAS 0.3.21 falls back on Intel's 2023 Xeons: 960 µs per update
/// instead of 87).
@Suite struct BLASKernelTests {
    @Test func theKernelIsTheChosenOneOrFitsTheProcessor() throws {
        let description = try #require(BLASLibrary.kernelDescription)
        let kernel = try #require(description.components(separatedBy: ", kernel ").last?.split(separator: " ").first)
        if let chosen = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] {
            #expect(kernel.lowercased() == chosen.lowercased(), "\(description)")
        } else if BLASLibrary.kernelForProcessor() != nil {
            #expect(!BLASLibrary.genericKernels.contains(String(kernel)), "\(description)")
        } else {
            #expect(!kernel.isEmpty)
        }
    }

    @Test func theProcessorsKernelFollowsItsFlags() throws {
        let cpuinfo = try String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)
        let kernel = BLASLibrary.kernelForProcessor()
        #expect(kernel == nil || cpuinfo.contains(" avx2"), "a kernel is proposed only for AVX2 processors")
        if cpuinfo.contains(" avx512f") && cpuinfo.contains(" avx512bw") && cpuinfo.contains(" avx512vl") && cpuinfo.contains(" avx512dq") {
            #expect(kernel == "SkylakeX")
        }
    }
}
