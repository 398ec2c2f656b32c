import Agent
import Foundation

/// The first lines of every benchmark: which machine, when, and which OpenBLAS kernel ran, so that a figure
/// is never quoted without the conditions it was measured under.
func printMachineReport() {
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?
        .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown processor"
    let flags = cpuinfo.split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
    let vector = flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "SSE"
    let date = ISO8601DateFormatter().string(from: Date())
    let coreType = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"].map { "OPENBLAS_CORETYPE=\($0)" }
        ?? "OPENBLAS_CORETYPE unset"
    print("machine: \(model) (\(vector)), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
        + String(format: "%.1f GiB", Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)) + "; \(date)")
    print("OpenBLAS: \(BLASLibrary.kernelDescription ?? "not found") (\(coreType))")
}
