import Foundation

/// What a whole `cartpole` process costs, as a user meets it: wall time and peak resident memory of
/// start-up, the default training, a plot, a recording and the whole default job, each run as a child
/// process of the release binary beside this one.
func benchmarkProcesses() {
    guard let binary = cartpoleBinary(for: "process") else { return }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cartpole-bench-process-\(getpid())")
    defer { try? FileManager.default.removeItem(at: folder) }
    let starts = (0..<21).map { _ in measureProcess(binary, ["--version"]).seconds }.sorted()
    print(String(format: "process start (cartpole --version, median of 21): %.1f ms", starts[10] * 1000))
    let out = folder.appendingPathComponent("train").path
    let train = measureProcess(binary, ["train", "--out", out])
    print(String(format: "cartpole train (defaults, 20000 frames): %.2f s, %.0f MB peak", train.seconds, train.peakMB))
    let plot = measureProcess(binary, ["plot", "--metrics", out + "/metrics.csv"])
    print(String(format: "cartpole plot (its metrics.csv): %.0f ms, %.0f MB peak", plot.seconds * 1000, plot.peakMB))
    let record = measureProcess(binary, ["record", "--agent", out + "/agent.safetensors", "--out", out + "/videos"])
    print(String(format: "cartpole record (3 episodes): %.2f s, %.0f MB peak", record.seconds, record.peakMB))
    let run = measureProcess(binary, ["run", "--out", folder.appendingPathComponent("run").path])
    print(String(format: "cartpole run (the whole default job): %.2f s, %.0f MB peak", run.seconds, run.peakMB))
}

/// The release `cartpole` beside this benchmark, or nil after saying so (the benchmark `name` is skipped).
func cartpoleBinary(for name: String) -> String? {
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
        "cartpole"
    ).path
    guard FileManager.default.isExecutableFile(atPath: binary) else {
        print("\(name): \(binary) not found; build it first (make bench does)")
        return nil
    }
    return binary
}

/// Wall time, processor time (user and system, all threads) and peak resident memory of a program run to
/// its end, measured by a fresh `cartpole-bench measure` process: a child starts in its parent's address space until it execs, and Linux counts that
/// space's high-water mark in the child's peak, so the parent must be small (about 10 MB; the
/// `--version` line shows that floor).
func measureProcess(_ path: String, _ arguments: [String]) -> (seconds: Double, peakMB: Double, cpuSeconds: Double) {
    let output = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["measure", path] + arguments
    process.standardOutput = output
    try! process.run()
    let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = text.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    precondition(
        process.terminationStatus == 0 && fields.count == 3,
        "\(path) \(arguments.joined(separator: " ")) failed: \(text)")
    return (fields[0], fields[1] / 1024, fields[2])
}

/// `cartpole-bench measure PROGRAM ARGS...`: runs the program with its output discarded and prints its wall
/// seconds, peak resident kilobytes and processor seconds; exits 1 if the program failed.
func measureChild(_ arguments: [String]) -> Never {
    var pid: pid_t = 0
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    let argv = arguments.map { strdup($0) } + [nil]
    let start = ContinuousClock.now
    guard posix_spawn(&pid, arguments[0], &actions, nil, argv, environ) == 0 else { exit(1) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)
    let elapsed = seconds(ContinuousClock.now - start)
    let cpu =
        Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec)
        * 1e-6
    print(elapsed, usage.ru_maxrss, cpu)
    exit(status == 0 ? 0 : 1)
}
