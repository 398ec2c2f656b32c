import Agent

/// Checks that several jobs make before any output.
enum JobChecks {
    /// The network's kernels can run: `CARTPOLE_KERNELS`, when set, names kernels this processor runs.
    static func kernels() throws(JobError) {
        do { _ = try Kernels.load() } catch { throw .agent(error) }
    }

    /// `configuration` can train on this machine.
    static func training(_ configuration: TrainingConfiguration) throws(JobError) {
        do { try configuration.validate() } catch { throw .agent(error) }
        try MemoryCheck.check(configuration)
        try kernels()
    }

    /// `value` lies in `range`, or the job refuses it, naming `setting`.
    static func range<Value: Comparable>(_ value: Value, _ range: ClosedRange<Value>, _ setting: String)
        throws(JobError)
    {
        guard range.contains(value) else {
            throw .value(
                setting: setting, problem: "must be between \(range.lowerBound) and \(range.upperBound) (got \(value))")
        }
    }
}
