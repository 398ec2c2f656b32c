import Agent
import Foundation

/// The evaluation summary as an aligned table for the terminal.
enum EvaluationTable {
    static func text(_ summary: EvaluationSummary, environment: EnvironmentID) -> String {
        func number(_ value: Double) -> String { String(format: "%.1f", value) }
        func interval(_ estimate: Statistics.Estimate) -> String {
            "[\(number(estimate.lower)), \(number(estimate.upper))]"
        }
        let rows: [(String, String, String)] = [
            ("mean", number(summary.mean.value), interval(summary.mean)),
            ("IQM", number(summary.interquartileMean.value), interval(summary.interquartileMean)),
            ("median", number(summary.median), ""),
            ("std", number(summary.standardDeviation), ""),
            ("min", number(summary.minimum), ""),
            ("max", number(summary.maximum), ""),
        ]
        var lines = ["statistic   return   95% CI"]
        for (name, value, ci) in rows {
            lines.append(
                name.padding(toLength: 10, withPad: " ", startingAt: 0) + value.leftPadded(to: 8)
                    + (ci.isEmpty ? "" : "   " + ci))
        }
        let truncated = summary.episodes - summary.terminated
        lines.append(
            "ended: \(summary.terminated) terminated (pole fell or cart left the track), \(truncated) at the \(environment.maxEpisodeSteps)-step time limit"
        )
        return lines.joined(separator: "\n")
    }
}

extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
