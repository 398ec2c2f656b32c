import FileFormats
import Foundation
import TestSupport
import Testing

/// `cartpole plot` on metrics files no run writes but a user can hand it: extreme and non-finite losses and
/// epsilons are plotted (before, ±1e308 made the axis range infinite and trapped converting NaN to Int), a
/// score no episode has is refused as in every log (`LoggedValue`), and a million rows are plotted.
@Suite struct HostileMetricsTests {
    func plot(_ text: String, label: String) throws -> (ProcessResult, URL) {
        let folder = try Fixtures.temporaryDirectory(label)
        let metrics = folder.appendingPathComponent("metrics.csv")
        try Data(text.utf8).write(to: metrics)
        return (try cartpole("plot", "--metrics", metrics.path, "--out", folder.path), folder)
    }

    @Test func extremeValuesArePlotted() throws {
        let values = [
            "1e308", "-1e308", "1.7976931348623157e308", "4.9e-324", "-4.9e-324", "inf", "-inf", "Infinity",
            "nan", "NaN", "-nan", "0x1p1023", "0", "195",
        ]
        var text = "frame,update,loss,epsilon,episode,score\n"
        for (i, value) in values.enumerated() {
            text += "\(i + 1),\(i + 1),\(value),\(value),\(i + 1),\(i * 10)\n"
        }
        let (result, folder) = try plot(text, label: "extreme-metrics")
        #expect(result.status == 0, "\(result.stderr)")
        let size = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(size == (2000, 500))
    }

    @Test func scoresNoEpisodeHasAreRefusedInOneLine() throws {
        for score in ["1e308", "-1e308", "nan", "inf"] {
            let text = "frame,update,loss,epsilon,episode,score\n1,1,0.5,1,1,10\n2,2,0.4,0.9,2,\(score)\n"
            let (result, folder) = try plot(text, label: "huge-scores")
            #expect(result.status == 1, "\(result.stderr)")
            #expect(
                result.stderr.contains("line 3: the score is not a finite return within ±1e12")
                    && result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("training.png").path))
        }
    }

    @Test func aMillionRowsArePlotted() throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26_000_000)
        bytes += Array("frame,update,loss,epsilon,episode,score\n".utf8)
        for i in 1...1_000_000 {
            bytes += Array(String(i).utf8)
            bytes += Array(i % 9 == 0 ? ",\(i),1e308,0.1,\(i / 9),-500\n".utf8 : ",\(i),0.5,0.1,,\n".utf8)
        }
        let (result, folder) = try plot(String(decoding: bytes, as: UTF8.self), label: "million-rows")
        #expect(result.status == 0, "\(result.stderr)")
        let size = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(size == (2000, 500))
    }
}
