import ArgumentParser
import CartPoleKit
import OutputFiles

extension CartPoleCommand {
    /// A first word (or the word after `help`) that is not a subcommand is a mistyped one: no subcommand
    /// takes a positional argument. Refused with the nearest name, before the default subcommand would
    /// take it as an unexpected argument.
    static func checkSubcommandName(_ words: [String]) throws {
        let names = configuration.subcommands.map { $0._commandName }
        let word = words.first == "help" ? words.dropFirst().first : words.first
        guard let word, !word.hasPrefix("-"), !names.contains(word), word != "help" else { return }
        let nearest = names.min { editDistance(word, $0) < editDistance(word, $1) } ?? ""
        let suggestion = editDistance(word, nearest) <= max(2, nearest.count / 2) ? "did you mean '\(nearest)'? " : ""
        throw ValidationError(
            "unknown command '\(MessageText.shown(word))'; \(suggestion)commands: \(names.joined(separator: ", "))")
    }

    /// Levenshtein distance between two words.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
