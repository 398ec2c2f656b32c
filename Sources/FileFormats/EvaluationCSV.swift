import Agent
import Foundation

/// The `eval.csv` of `cartpole eval`: one row per episode, `episode,seed,return,length,ended`.
package enum EvaluationCSV {
    package static let header = "episode,seed,return,length,ended"

    package static func encode(_ episodes: [Evaluation.Episode]) -> String {
        header + "\n"
            + episodes.map { "\($0.index),\($0.seed),\($0.returnValue),\($0.length),\($0.ending.rawValue)\n" }.joined()
    }

    package static func write(_ episodes: [Evaluation.Episode], to url: URL) throws(AgentError) {
        try FileIO.write(Data(encode(episodes).utf8), to: url, what: "the evaluation")
    }
}
