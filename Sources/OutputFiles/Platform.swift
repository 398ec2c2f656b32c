import Foundation

/// What the program asks of the operating system beyond POSIX files, streams, signals and threads: the
/// one place that knows it runs on Linux. Built and tested on Linux (Debian, x86-64); elsewhere each
/// answer falls back to what Foundation knows, untested.
package enum Platform {
    /// The file name `dlopen` finds a shared library by: `libavutil.so.59` on Linux.
    package static func sharedLibrary(_ name: String, major: Int32) -> String {
        #if os(Linux)
            "lib\(name).so.\(major)"
        #else
            "lib\(name).\(major).dylib"
        #endif
    }

    /// The memory this process may still take: `$CARTPOLE_MEMORY_BYTES` when set (to plan for a smaller
    /// share, and for tests), else the machine's, or less where its control group's limit (cgroup v2 or v1)
    /// or the address space left under its `ulimit -v` is lower.
    package static var memoryBytes: Int {
        if let text = ProcessInfo.processInfo.environment["CARTPOLE_MEMORY_BYTES"], let value = Int(text), value > 0 {
            return value
        }
        let physical = Int(clamping: ProcessInfo.processInfo.physicalMemory)
        var limit = physical <= 0 ? Int.max : physical
        for path in ["/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"] {
            if let text = try? String(contentsOfFile: path, encoding: .utf8),
                let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)), value > 0
            {
                limit = min(limit, value)
            }
        }
        var space = rlimit()
        if getrlimit(Int32(RLIMIT_AS.rawValue), &space) == 0, space.rlim_cur != rlim_t.max {
            limit = min(limit, max(0, Int(clamping: space.rlim_cur) - (mappedBytes ?? 0)))
        }
        return limit
    }

    /// The address space this process has mapped, or nil where the system does not say.
    static var mappedBytes: Int? { statm(field: 0) }

    /// This program's absolute path, for command lines run elsewhere: the kernel's link to the running
    /// binary, since the name it was started by may have been found on PATH or be relative to another
    /// folder.
    package static var executablePath: String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if count > 0 { return String(decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    /// The process's resident memory in bytes, or nil where the system does not say.
    package static var residentBytes: Int? { statm(field: 1) }

    /// A field of `/proc/self/statm` (0: size, 1: resident), in bytes.
    private static func statm(field: Int) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > field, let pages = Int(fields[field]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// The processor's model name and widest vector extension (AVX-512, AVX2 or SSE), for benchmark
    /// reports; nil where the system does not say.
    package static var processor: (model: String, vector: String)? {
        guard let cpuinfo = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let lines = cpuinfo.split(separator: "\n")
        let model =
            lines.first { $0.hasPrefix("model name") }?.split(separator: ":", maxSplits: 1).last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown processor"
        let flags = lines.first { $0.hasPrefix("flags") } ?? ""
        return (model, flags.contains(" avx512f") ? "AVX-512" : flags.contains(" avx2") ? "AVX2" : "SSE")
    }
}
