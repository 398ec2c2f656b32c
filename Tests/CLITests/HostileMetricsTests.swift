import Foundation
import TestSupport
import Testing

/// `cartpole plot` on metrics files no run writes but a user can hand it: extreme and non-finite values
/// (before, ±1e308 scores made the axis range infinite and trapped converting NaN to Int), and a million rows.
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
            text += "\(i + 1),\(i + 1),\(value),\(value),\(i + 1),\(value)\n"
        }
        let (result, folder) = try plot(text, label: "extreme-metrics")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        let size = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(size == (2000, 500))
    }

    @Test func theReportedCaseOfHugeScores() throws {
        let text = "frame,update,loss,epsilon,episode,score\n1,1,0.5,1,1,1e308\n2,2,0.4,0.9,2,-1e308\n"
        let (result, folder) = try plot(text, label: "huge-scores")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        let size = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(size == (2000, 500))
    }

    @Test func aMillionRowsArePlotted() throws {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(26_000_000)
        bytes += Array("frame,update,loss,epsilon,episode,score\n".utf8)
        for i in 1...1_000_000 {
            bytes += Array(String(i).utf8)
            bytes += Array(i % 9 == 0 ? ",\(i),1e308,0.1,\(i / 9),-1e308\n".utf8 : ",\(i),0.5,0.1,,\n".utf8)
        }
        let (result, folder) = try plot(String(decoding: bytes, as: UTF8.self), label: "million-rows")
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(result.status == 0, "\(result.stderr)")
        let size = try pngSize(folder.appendingPathComponent("training.png"))
        #expect(size == (2000, 500))
    }
}
