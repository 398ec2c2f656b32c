import Agent
import CartPoleKit
import OutputFiles

extension JobContext {
    /// This invocation's: stopped by `interrupts`, notes to stderr with settings named as options.
    static func cli(_ interrupts: Interrupts) -> JobContext {
        var context = JobContext(
            version: CartPoleCommand.configuration.version, arguments: Array(CommandLine.arguments.dropFirst()),
            holder: (["cartpole"] + CommandLine.arguments.dropFirst()).joined(separator: " "))
        context.shouldStop = { interrupts.requested }
        context.note = { Console.message($0.worded(optionName)) }
        return context
    }
}

extension TrainingSession {
    /// Training progress on stderr, as `TrainJob` and `RunJob` report it.
    static func progressDisplay(frames: Int) -> (DQNAgent, Bool) -> Void {
        let display = TrainingProgress(totalFrames: frames)
        return { agent, finished in finished ? display.finish(agent) : display.update(agent) }
    }
}
