import Agent
import FileFormats
import Testing

@Suite struct MetricsCSVTests {
    let metrics = TrainingMetrics(rows: [
        .init(frame: 12, episode: 1, score: 12),
        .init(frame: 32, update: 1, loss: 0.125, epsilon: 0.99955),
        .init(frame: 33, update: 2, loss: 1e-7, epsilon: 0.9991, episode: 2, score: 21),
    ])

    @Test func roundTrips() throws {
        let text = MetricsCSV.encode(metrics)
        #expect(text.hasPrefix("frame,update,loss,epsilon,episode,score\n12,,,,1,12.0\n"))
        #expect(try MetricsCSV.decode(text) == metrics)
        #expect(metrics.recentMeanScore() == 16.5)
    }

    /// Prioritized replay's quantiles are columns of their own, on the rows that have them; a file
    /// without them reads as before, and one reader's six columns are all an older file needs.
    @Test func priorityQuantilesRoundTripInColumnsOfTheirOwn() throws {
        var prioritized = metrics
        prioritized.rows[1].priorities = [1e-6, 0.001, 0.01, 0.25, 2]
        let text = MetricsCSV.encode(prioritized)
        let lines = text.split(separator: "\n")
        #expect(
            lines[0]
                == "frame,update,loss,epsilon,episode,score,priority_q05,priority_q25,priority_q50,priority_q75,priority_q95"
        )
        #expect(lines[1] == "12,,,,1,12.0,,,,,")
        #expect(lines[2].hasSuffix(",1e-06,0.001,0.01,0.25,2.0"))
        #expect(try MetricsCSV.decode(text) == prioritized)
        #expect(!MetricsCSV.encode(metrics).contains("priority"))
        do {
            _ = try MetricsCSV.decode(text.replacingOccurrences(of: "0.25", with: "x"), path: "m.csv")
            Issue.record("a malformed quantile was accepted")
        } catch {
            #expect(error.description == "m.csv: line 3: 'x' is not a valid priority quantile")
        }
        do {
            _ = try MetricsCSV.decode(text.replacingOccurrences(of: ",0.25,", with: ",,"), path: "m.csv")
            Issue.record("a row with a quantile left out was accepted")
        } catch {
            #expect(
                error.description
                    == "m.csv: line 3: priority_q75 is empty; a row gives all 5 priority quantile columns or none")
        }
    }

    /// A noisy network's |σ| are two columns of their own, beside the priorities when both are there.
    @Test func noisyLayersSigmasRoundTripInColumnsOfTheirOwn() throws {
        var noisy = metrics
        noisy.rows[1].sigmas = [0.05, 0.025]
        noisy.rows[2].priorities = [1e-6, 0.001, 0.01, 0.25, 2]
        let text = MetricsCSV.encode(noisy)
        #expect(
            text.hasPrefix(
                MetricsCSV.header + "," + MetricsCSV.priorityColumns.joined(separator: ",")
                    + ",sigma_layer1,sigma_layer2\n"))
        #expect(try MetricsCSV.decode(text) == noisy)
    }

    @Test(arguments: [
        ("", "empty"),
        ("frame,update,loss\n1,2,3\n", "missing column(s) epsilon, episode, score"),
        ("frame,update,loss,epsilon,episode,score\n1,2,abc,0.5,,\n", "line 2: 'abc' is not a valid loss"),
        ("frame,update,loss,epsilon,episode,score\n1,2,0.5,0.5,,\n2,3\n", "line 3: 2 fields, expected 6"),
        ("frame,update,loss,epsilon,episode,score\n,2,0.5,0.5,,\n", "line 2: the frame is missing"),
    ])
    func badFilesNameTheLine(_ text: String, _ expected: String) {
        do {
            _ = try MetricsCSV.decode(text, path: "m.csv")
            Issue.record("accepted: \(text)")
        } catch {
            #expect(error.description.hasPrefix("m.csv: "))
            #expect(error.description.contains(expected), "\(error)")
        }
    }
}
