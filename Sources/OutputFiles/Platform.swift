import Foundation

/// What the program asks of the operating system beyond POSIX files, streams, signals and threads: the
/// one place that knows it runs on Linux. Built and tested on Linux (Debian, x86-64); elsewhere each
/// answer falls back to what Foundation knows, untested.
public enum Platform {
    /// The file name `dlopen` finds a shared library by: `libavutil.so.59` on Linux.
    public static func sharedLibrary(_ name: String, major: Int32) -> String {
        #if os(Linux)
            "lib\(name).so.\(major)"
        #else
            "lib\(name).\(major).dylib"
        #endif
    }

    /// The memory this process may use: the machine's, or its control group's limit (cgroup v2 or v1)
    /// when that is lower.
    public static var memoryBytes: Int {
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        var limit = physical <= 0 ? Int.max : physical
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0
            {
                limit = min(limit, value)
            }
        }
        return limit
    }

    /// This program's absolute path, for command lines run elsewhere: the kernel's link to the running
    /// binary, since the name it was started by may have been found on PATH or be relative to another
    /// folder.
    public static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// The process's resident memory in bytes, or nil where the system does not say.
    public static var residentBytes: Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The processor's model name and widest vector extension (AVX-512, AVX2 or SSE), for benchmark
    /// reports; nil where the system does not say.
    public static var processor: (model: String, vector: String)? {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let lines = cpuinfo.split(separator: "\n")
        let model =
            lines.first { $0.hasPrefix("model name") }?.split(separator: ":", maxSplits: 1).last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown processor"
        let flags = lines.first { $0.hasPrefix("flags") } ?? ""
        return (model, flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "SSE")
    }
}
