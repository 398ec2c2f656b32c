import Agent
import ArgumentParser
import CartPoleKit
import Foundation
import OutputFiles

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

    @Option(
        help: AgentFile.help
    )
    var agent: String
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
        try validateOutputFolder(out)
        guard (1...1_000_000).contains(episodes) else {
            throw ValidationError("--episodes must be between 1 and 1000000 (got \(episodes))")
        }
        guard epsilon.isFinite && (0...1).contains(epsilon) else {
            throw ValidationError("--epsilon must be in [0, 1] (got \(epsilon))")
        }
        if let env { _ = try EnvironmentID.validatingForCLI(env) }
        if !plot && figures.given {
            throw ValidationError("the figure options apply to the histogram; add --plot")
        }
        try Kernels.validateForCLI()
    }

    func run() throws {
        let figures = try self.figures.output
        let (trained, environment) = try AgentFile.load(agent, env: env)
        let folder = try openResultFolder(out, command: "eval", outputs: ["eval.csv"] + FigureOutput.names("eval"))
        let firstSeed = seed ?? trained.seed
        guard UInt64.max - firstSeed >= UInt64(episodes - 1) else {
            throw ValidationError(
                "seeds \(firstSeed) to \(firstSeed) + \(episodes - 1) pass the largest seed, \(UInt64.max); lower --seed or --episodes"
            )
        }
        let interrupts = Interrupts()
        interrupts.install()
        let clock = ContinuousClock()
        let start = clock.now
        var shown = start
        var workflow = EvaluationWorkflow(
            network: trained.network, environment: environment, episodes: episodes, firstSeed: firstSeed)
        workflow.epsilon = epsilon
        workflow.drawsHistogram = plot
        workflow.figures = figures
        workflow.agentName = MessageText.shown(URL(fileURLWithPath: agent).lastPathComponent)
        workflow.shouldStop = { interrupts.requested }
        workflow.progress = { count in
            if clock.now - shown >= (Console.stderrIsTerminal ? .milliseconds(200) : .seconds(1)) {
                shown = clock.now
                Console.status("eval: \(count)/\(episodes) episodes" + (Console.stderrIsTerminal ? "\r" : "\n"))
            }
        }
        workflow.summarising = { count in
            if count > 10000 {
                Console.message("computing the 95% intervals: 10000 bootstrap resamples of \(count) episodes")
            }
        }
        let result = try workflow.run(into: folder.staging)
        if shown != start && Console.stderrIsTerminal { Console.status("\n") }
        let (played, summary, interrupted) = (result.played, result.summary, result.interrupted)
        try folder.commit(
            settings: [
                "agent": agent, "episodes": "\(episodes)", "epsilon": "\(epsilon)", "env": environment.rawValue,
                "seed": "\(firstSeed)", "plot": "\(plot)",
            ].merging(plot ? figures.settings : [:]) { $1 }, interrupted: interrupted)
        Console.result(
            "\(agent) on \(environment.rawValue): \(played.count) episodes, epsilon \(epsilon), seeds \(firstSeed) to \(firstSeed + UInt64(played.count - 1))"
        )
        Console.result(EvaluationTable.text(summary, environment: environment))
        Console.result("eval:    \(folder.final("eval.csv").path)")
        if plot {
            for format in figures.formats {
                Console.result("plot:    \(folder.final("eval.\(format.fileExtension)").path)")
            }
        }
        if interrupted {
            Console.message(
                "interrupted after \(played.count) of \(episodes) episodes: the table and eval.csv are of those, marked interrupted"
            )
            throw ExitCode(interrupts.exitStatus)
        }
    }
}
