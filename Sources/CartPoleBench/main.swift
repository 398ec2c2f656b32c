import Foundation

let usage = "usage: cartpole-bench [all | update | train | plot | seeds]"
let which = CommandLine.arguments.dropFirst().first ?? "all"
switch which {
case "update": benchmarkUpdate()
case "train": benchmarkTraining()
case "plot": benchmarkPlot()
case "seeds": evaluateSeeds()
case "all":
    benchmarkUpdate()
    benchmarkTraining()
    benchmarkPlot()
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
