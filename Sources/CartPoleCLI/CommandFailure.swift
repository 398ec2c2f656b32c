/// A command's failure in the CLI's words (naming the option concerned), ending it with exit status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
}
