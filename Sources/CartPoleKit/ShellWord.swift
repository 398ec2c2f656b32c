/// A word as a POSIX shell line takes it: as it is when it holds only characters no shell treats
/// specially, else single-quoted (a quote inside closes, escapes and reopens).
package enum ShellWord {
    package static func quoted(_ word: String) -> String {
        !word.isEmpty && word.utf8.allSatisfy(isPlain)
            ? word
            : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// An ASCII letter or digit, or one of - _ = . / , + : @ %.
    private static func isPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default: "-_=./,+:@%".utf8.contains(byte)
        }
    }

    /// The words as one shell line.
    package static func line(_ words: [String]) -> String { words.map(quoted).joined(separator: " ") }
}
