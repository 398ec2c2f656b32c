import CartPoleKit
import OutputFiles

extension JobContext {
    /// This invocation's: stopped by `interrupts`, notes to stderr with settings named as options.
    static func cli(_ interrupts: Interrupts) -> JobContext {
        var context = JobContext(
            version: CartPoleCommand.configuration.version, arguments: Array(CommandLine.arguments.dropFirst()))
        context.shouldStop = { interrupts.requested }
        context.note = { Console.message($0.worded(optionName)) }
        return context
    }
}
