/// A word as a POSIX shell line takes it: as it is when it holds only characters no shell treats
/// specially, else single-quoted (a quote inside closes, escapes and reopens).
public enum ShellWord {
    public static func quoted(_ word: String) -> String {
        !word.isEmpty && word.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_=./,+:@%".contains($0)) }
            ? word
            : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words as one shell line.
    public static func line(_ words: [String]) -> String { words.map(quoted).joined(separator: " ") }
}
