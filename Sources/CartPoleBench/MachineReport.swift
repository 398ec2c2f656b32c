import Agent
import Foundation
import OutputFiles

/// The first lines of every benchmark: which machine, when, and which of the network's kernels ran (see
/// `Kernels`), so that a figure is never quoted without the conditions it was measured under.
func printMachineReport() {
    let (model, vector) = Platform.processor ?? ("unknown processor", "unknown vector extensions")
    let date = ISO8601DateFormatter().string(from: Date())
    print(
        "machine: \(model) (\(vector)), \(ProcessInfo.processInfo.activeProcessorCount) cores, "
            + String(format: "%.1f GiB", Double(ProcessInfo.processInfo.physicalMemory) / Double(1 << 30)) + "; \(date)"
    )
    let setting =
        ProcessInfo.processInfo.environment[Kernels.environmentVariable].map { "\(Kernels.environmentVariable)=\($0)" }
        ?? "the fastest this processor runs"
    switch Result(catching: { () throws(AgentError) in try Kernels.load() }) {
    case .success(let kernels):
        print(
            "kernels: \(kernels.name) (\(setting); this processor runs \(Kernels.available.map(\.name).joined(separator: ", ")))"
        )
    case .failure(let error):
        print("kernels: \(error)")
        exit(1)
    }
}
