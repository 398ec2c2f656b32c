import Agent
import OutputFiles

/// Runs to compare that were made in different environments (or in another than the one asked for): each
/// is judged against its environment's threshold, so they share no table.
package struct MixedEnvironmentsError: SettingTextError {
    /// The environment asked for, if any.
    package let given: EnvironmentID?
    /// Each run that names its environment: its variant and that environment.
    package let runs: [(variant: String, environment: EnvironmentID)]

    package var text: SettingText {
        var counts: [String] = []
        for variant in runs.map(\.variant).reduce(into: [String](), { if !$0.contains($1) { $0.append($1) } }) {
            for environment in EnvironmentID.allCases {
                let count = runs.filter { $0.variant == variant && $0.environment == environment }.count
                if count > 0 { counts.append("\(MessageText.shown(variant)): \(count) of \(environment.rawValue)") }
            }
        }
        let shown = counts.count > 8 ? counts.prefix(8) + ["..."] : counts[...]
        let listing = "(\(shown.joined(separator: "; ")))"
        if let given, Set(runs.map(\.environment)).count == 1, let theirs = runs.first?.environment {
            return "\(setting: "env") \(given.rawValue) was given, but the runs are of \(theirs.rawValue) "
                + "\(listing); leave it out or give \(theirs.rawValue)"
        }
        return "the runs are of more than one environment \(listing); compare each environment's runs on its own"
    }
}
