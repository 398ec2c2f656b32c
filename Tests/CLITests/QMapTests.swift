import Agent
import Foundation
import Render
import TestSupport
import Testing

/// `qmap` writes its figure, or a panel or a second per agent.
@Suite struct QMapTests {
    @Test func qmapWritesItsFigure() throws {
        let folder = try Fixtures.temporaryDirectory("qmap")
        let agent = Fixtures.directory.appendingPathComponent("pytorch_agent.safetensors").path
        let result = try cartpole("qmap", "--agent", agent, "--out", folder.path, "--x", "1")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == folder.appendingPathComponent("qmap.png").path + "\n")
        let size = try pngSize(folder.appendingPathComponent("qmap.png"))
        #expect(size == (1600, 640))
        // For a paper: vector files at a column's size, listed in the manifest with the size asked for.
        let column = try cartpole(
            "qmap", "--agent", agent, "--out", folder.path, "--figure-format", "svg,pdf", "--figure-size", "3.3x4in")
        #expect(column.status == 0, "\(column.stderr)")
        #expect(files(in: folder) == ["manifest.json", "qmap.pdf", "qmap.svg"])
        let svg = try String(contentsOf: folder.appendingPathComponent("qmap.svg"), encoding: .utf8)
        #expect(svg.contains("width=\"237.6pt\" height=\"288pt\""))
        let manifest = try String(contentsOf: folder.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"figure-size\" : \"3.3x4in\""))
    }

    /// Several agents: a panel each on one figure, or a second of video each.
    @Test func severalAgentsGiveAPanelOrASecondEach() throws {
        let folder = try Fixtures.temporaryDirectory("qmaps")
        #expect(
            try cartpole(
                "train", "--frames", "600", "--hidden", "8", "--memory-size", "300", "--checkpoint-every", "200",
                "--out", folder.path
            ).status == 0)
        let checkpoints = folder.appendingPathComponent("checkpoints").path
        let maps = folder.appendingPathComponent("maps")
        let figure = try cartpole("qmap", "--agent", checkpoints, "--out", maps.path)
        #expect(figure.status == 0, "\(figure.stderr)")
        let size = try pngSize(maps.appendingPathComponent("qmap.png"))
        #expect(size == (1300, 1040), "three panels as 2 + 1, one colour bar at the right")
        let video = try cartpole("qmap", "--agent", checkpoints, "--video", "--out", maps.path)
        #expect(video.status == 0, "\(video.stderr)")
        let probe = try probeVideo(maps.appendingPathComponent("qmap.mp4"))
        #expect(probe.frames == 3 * 25 && probe.width == 1600 && probe.height == 640)
        #expect(video.stderr.contains("qmap: 3/3 maps"), "the video shows its progress")
        #expect(files(in: maps) == ["manifest.json", "qmap.mp4"], "the video replaces the earlier qmap's figure")
    }
}
