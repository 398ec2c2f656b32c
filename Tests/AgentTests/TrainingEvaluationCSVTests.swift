import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// A training's eval.csv is read back exactly, and a damaged one is refused naming the line and the value.
@Suite struct TrainingEvaluationCSVTests {
    func read(_ text: String) throws(AgentError) -> [EvaluationPoint] {
        let folder = try! Fixtures.temporaryDirectory("eval-csv")
        let url = folder.appendingPathComponent("eval.csv")
        try! Data(text.utf8).write(to: url)
        return try TrainingEvaluationCSV.read(from: url)
    }

    static let header = "frame,episode,return,length\n"

    @Test func writtenPointsReadBackInEveryLineEnding() throws {
        let text = Self.header + "100,0,12.0,12\n100,1,14.0,14\n200,0,200.0,200\n"
        for variant in [text, text.replacingOccurrences(of: "\n", with: "\r\n"), "\u{FEFF}" + text] {
            let points = try read(variant)
            #expect(points.map(\.frame) == [100, 200])
            #expect(points[0].returns == [12, 14] && points[1].lengths == [200])
            #expect(TrainingEvaluationCSV.encode(points) == text)
        }
    }

    @Test(arguments: [
        ("100,0,nan,12\n", "line 2: 'nan' is not a valid return (a finite number within ±1e12)"),
        ("100,0,inf,12\n", "line 2: 'inf' is not a valid return (a finite number within ±1e12)"),
        ("100,0,-1e308,12\n", "line 2: '-1e308' is not a valid return (a finite number within ±1e12)"),
        ("-5,0,12.0,12\n", "line 2: '-5' is not a valid frame (a whole number from 0 to 1099511627776)"),
        (
            "9223372036854775807,0,12.0,12\n",
            "line 2: '9223372036854775807' is not a valid frame (a whole number from 0 to 1099511627776)"
        ),
        ("100,0,12.0,-1\n", "line 2: '-1' is not a valid length (a whole number, 0 or more)"),
        ("100,x,12.0,12\n", "line 2: 'x' is not a valid episode (a whole number)"),
        ("100,0,12.0\n", "line 2: 3 fields, expected 4 (frame,episode,return,length)"),
        ("", "it holds no evaluation, only its header"),
    ])
    func aDamagedRowIsNamedWithItsValue(_ row: String, _ expected: String) {
        #expect(throws: AgentError.self) { try read(Self.header + row) }
        do { _ = try read(Self.header + row) } catch { #expect(error.description.hasSuffix(expected), "\(error)") }
    }

    @Test func anotherFormatsHeaderIsShownEscaped() {
        do { _ = try read("episode,seed,return,length,ended\u{1B}[2J\n0,1,2,3,terminated\n") } catch {
            #expect(error.description.hasSuffix("found 'episode,seed,return,length,ended\\u{1B}[2J'"), "\(error)")
        }
    }
}
