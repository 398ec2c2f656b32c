import Agent
import ArgumentParser
import CartPoleKit
import Foundation

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Play episodes with a saved agent, without learning, and summarise its returns.",
        discussion: """
            Prints mean, standard deviation, median, IQM (interquartile mean), min and max of the returns, with 95% \
            bootstrap confidence intervals of the mean and the IQM (seeded: the same call prints the same numbers). \
            Episode i starts from seed S+i, the state `cartpole record --seed S+i` shows first. Writes DIR/eval.csv \
            (episode, seed, return, length, how it ended) and, with --plot, DIR/eval.png, a histogram of the returns.
            """)

    @Option(help: ArgumentHelp(AgentInput.help)) var agent: String
    @Option(parsing: .unconditional, help: "Episodes to play.")
    var episodes = 100
    @Option(parsing: .unconditional, help: "Probability of a random action at each step (0: greedy).")
    var epsilon = 0.0
    @Option(help: "Environment id; by default the one the agent was trained on.")
    var env: String?
    @Option(help: "Seed of the first episode (episode i uses S+i); by default the agent's training seed.")
    var seed: UInt64?
    @Option(
        help: "Folder for eval.csv and eval.png (created if missing; an earlier eval's outputs there are replaced).")
    var out = "videos/eval"
    @Flag(help: "Also draw a histogram of the returns, eval.png (or the formats --figure-format names).")
    var plot = false
    @OptionGroup var figures: FigureOptions

    func validate() throws {
        if !plot && figures.given {
            throw ValidationError(
                JobError.requires(settings: ["figure-format", "figure-size", "dpi"], other: "plot").worded(optionName))
        }
    }

    func run() throws {
        var job = EvalJob(agent: agent)
        job.episodes = episodes
        job.epsilon = epsilon
        job.environment = try env.map(EnvironmentID.validatingForCLI)
        job.seed = seed
        job.histogram = plot ? try figures.output : nil
        let clock = ContinuousClock()
        let start = clock.now
        var shown = start
        job.progress = { count in
            if clock.now - shown >= (Console.stderrIsTerminal ? .milliseconds(200) : .seconds(1)) {
                shown = clock.now
                Console.status("eval: \(count)/\(episodes) episodes" + (Console.stderrIsTerminal ? "\r" : "\n"))
            }
        }
        job.summarising = { count in
            if count > 10000 {
                Console.message("computing the 95% intervals: 10000 bootstrap resamples of \(count) episodes")
            }
        }
        let interrupts = Interrupts()
        interrupts.install()
        let (result, environment, firstSeed) = try job.run(in: out, context: .cli(interrupts))
        if shown != start && Console.stderrIsTerminal { Console.status("\n") }
        let (played, summary, interrupted) = (result.played, result.summary, result.interrupted)
        let folder = URL(fileURLWithPath: out)
        Console.result(
            "\(agent) on \(environment.rawValue): \(played.count) episodes, epsilon \(epsilon), seeds \(firstSeed) to \(firstSeed + UInt64(played.count - 1))"
        )
        Console.result(EvaluationTable.text(summary, environment: environment))
        Console.result("eval:    \(folder.appendingPathComponent("eval.csv").path)")
        for format in job.histogram?.formats ?? [] {
            Console.result("plot:    \(folder.appendingPathComponent("eval.\(format.fileExtension)").path)")
        }
        if interrupted {
            Console.message(
                "interrupted after \(played.count) of \(episodes) episodes: the table and eval.csv are of those, marked interrupted"
            )
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
