import Foundation

let arguments = CommandLine.arguments.dropFirst()
let which = arguments.first ?? "all"
if which == "update" || which == "all" { benchmarkUpdate() }
