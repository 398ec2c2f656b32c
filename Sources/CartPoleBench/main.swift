import Foundation
import Render

let usage =
    "usage: cartpole-bench [all | update | train | video | record [BASELINE_CARTPOLE] | plot | process | compare | sweep | endings DIR | memory | seeds [FIRST LAST]]"
let which = CommandLine.arguments.dropFirst().first ?? "all"
if which == "measure" { measureChild(Array(CommandLine.arguments.dropFirst(2))) }
printMachineReport()
switch which {
case "update": benchmarkUpdate()
case "train": benchmarkTraining()
case "plot": benchmarkPlot()
case "video":
    benchmarkVideo()
    benchmarkVideo(settings: VideoSettings(preset: "ultrafast"))
    benchmarkGridVideo()
case "record": benchmarkRecord(baseline: CommandLine.arguments.dropFirst(2).first)
case "process": benchmarkProcesses()
case "compare": benchmarkCompare()
case "sweep": benchmarkSweep()
case "endings": benchmarkEndings(URL(fileURLWithPath: CommandLine.arguments.dropFirst(2).first ?? "videos/compare"))
case "memory": benchmarkMemory()
case "seeds":
    // Optional first and last seed: `cartpole-bench seeds 1 30`.
    let bounds = CommandLine.arguments.dropFirst(2).compactMap { UInt64($0) }
    evaluateSeeds(bounds.count == 2 && bounds[0] <= bounds[1] ? bounds[0]...bounds[1] : 1...10)
case "all":
    benchmarkUpdate()
    benchmarkTraining()
    benchmarkVideo()
    benchmarkRecord()
    benchmarkPlot()
    benchmarkProcesses()
default:
    FileHandle.standardError.write(Data((usage + "\n").utf8))
    exit(2)
}
