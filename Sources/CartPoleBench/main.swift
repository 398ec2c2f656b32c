import Foundation
import Render

let usage = "usage: cartpole-bench [all | update | train | video | plot | memory | seeds]"
let which = CommandLine.arguments.dropFirst().first ?? "all"
switch which {
case "update": benchmarkUpdate()
case "train": benchmarkTraining()
case "plot": benchmarkPlot()
case "video":
    benchmarkVideo()
    benchmarkVideo(settings: VideoSettings(preset: "ultrafast"))
case "memory": benchmarkMemory()
case "seeds": evaluateSeeds()
case "all":
    benchmarkUpdate()
    benchmarkTraining()
    benchmarkVideo()
    benchmarkPlot()
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
