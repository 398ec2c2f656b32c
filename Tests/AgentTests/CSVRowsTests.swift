import Foundation
import TestSupport
import Testing

@testable import Agent
@testable import FileFormats

/// The one line reader under every CSV the tool reads.
@Suite struct CSVRowsTests {
    func rows(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        try CSVRows(Data(text.utf8)).eachRow { rows.append($0.fields) }
        return rows
    }

    @Test func linesEndAtLFOrCRLFAndTheLastNewlineEndsTheLastLine() throws {
        #expect(try rows("a,b\r\nc,,d\n\ne") == [["a", "b"], ["c", "", "d"], [""], ["e"]])
        #expect(try rows("a\n") == [["a"]])
        #expect(try rows("a\r\n\r\n") == [["a"], [""]])
        #expect(try rows("") == [])
    }

    @Test func numbersMustFillTheirField() throws {
        try CSVRows(Data("12,-7,+3,9223372036854775808,1e-3,0.5x, 1,inf".utf8)).eachRow { row in
            #expect(row.integer(0) == 12 && row.integer(1) == -7 && row.integer(2) == 3)
            #expect(row.integer(3) == nil, "past Int.max")
            #expect(row.real(4) == 0.001 && row.real(5) == nil && row.real(6) == nil)
            #expect(row.real(7) == .infinity, "finiteness is the reader's rule, not the line reader's")
        }
    }

    /// Each reader takes a file written with CRLF line ends, as spreadsheet programs write, as the same file.
    @Test func everyReaderReadsCRLFAsLF() throws {
        let folder = try Fixtures.temporaryDirectory("crlf")
        func write(_ name: String, _ text: String, crlf: Bool) throws -> URL {
            let url = folder.appendingPathComponent((crlf ? "crlf-" : "lf-") + name)
            try Data((crlf ? text.replacingOccurrences(of: "\n", with: "\r\n") : text).utf8).write(to: url)
            return url
        }
        let metrics = "frame,update,loss,epsilon,episode,score\n1,,,,1,12\n2,1,0.5,0.9,,\n"
        let evaluations = "frame,episode,return,length\n1000,0,200,200\n1000,1,150,150\n"
        let monitor = "#{\"t_start\": 1}\nr,l,t\n10.0,10,0.1\n20.0,20,0.2\n"
        for crlf in [false, true] {
            #expect(try MetricsCSV.read(from: write("metrics.csv", metrics, crlf: crlf)).rows.count == 2)
            let points = try TrainingEvaluationCSV.read(from: write("eval.csv", evaluations, crlf: crlf))
            #expect(points.count == 1 && points[0].returns == [200, 150])
            let log = try EpisodeLog.read(from: write("monitor.csv", monitor, crlf: crlf))
            #expect(log.kind == .monitor && log.metrics.scores == [10, 20] && log.metrics.frames == 30)
        }
    }
}
