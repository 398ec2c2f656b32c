import Agent
import FileFormats
import Foundation
import Testing

/// Random damage to checkpoints and metrics files: the loaders must answer with an error or a valid
/// result, never crash. Seeded, so every run tries the same cases.
@Suite struct LoaderFuzzTests {
    func damaged(_ bytes: [UInt8], using generator: inout SplitMix64) -> [UInt8] {
        var bytes = bytes
        switch generator.nextIndex(below: 5) {
        case 0:  // truncate
            bytes = Array(bytes.prefix(generator.nextIndex(below: bytes.count + 1)))
        case 1:  // flip a few bytes
            for _ in 0..<(1 + generator.nextIndex(below: 4)) where !bytes.isEmpty {
                bytes[generator.nextIndex(below: bytes.count)] ^= UInt8(truncatingIfNeeded: generator.next() | 1)
            }
        case 2:  // insert random bytes
            let at = generator.nextIndex(below: bytes.count + 1)
            bytes.insert(
                contentsOf: (0..<(1 + generator.nextIndex(below: 16))).map { _ in
                    UInt8(truncatingIfNeeded: generator.next())
                }, at: at)
        case 3:  // delete a range
            if !bytes.isEmpty {
                let start = generator.nextIndex(below: bytes.count)
                bytes.removeSubrange(start..<min(bytes.count, start + 1 + generator.nextIndex(below: 32)))
            }
        default:  // entirely random
            bytes = (0..<generator.nextIndex(below: 256)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        }
        return bytes
    }

    @Test func damagedCheckpointsAreRefusedOrValid() {
        var generator = SplitMix64(seed: 2024)
        var setup = SplitMix64(seed: 1)
        let original = Checkpoint(network: QNetwork(hidden: 4, using: &setup), training: .hidden4, frames: 100)
            .encoded()
        var refused = 0
        var accepted = 0
        for _ in 0..<4000 {
            let bytes = damaged([UInt8](original), using: &generator)
            do {
                let checkpoint = try Checkpoint.decode(Data(bytes), path: "fuzz")
                let finite = checkpoint.network.parameters.allSatisfy { $0.isFinite }
                #expect(finite)
                accepted += 1
            } catch {
                #expect(error.description.hasPrefix("fuzz is not a usable agent checkpoint: "))
                refused += 1
            }
        }
        #expect(refused > 3000, "most damage is detected (\(refused) refused, \(accepted) accepted)")
    }

    @Test func randomHeadersAreRefused() {
        var generator = SplitMix64(seed: 7)
        let fragments = [
            "{", "}", "\"__metadata__\"", ":", ",", "\"layers.0.weight\"", "{\"dtype\":\"F32\"}", "[4,4]",
            "\"shape\"", "\"data_offsets\"", "[0,64]", "-1", "1e308", "null", "\"hidden\":\"4\"", "[]",
        ]
        for _ in 0..<2000 {
            let header = Array(
                (0..<generator.nextIndex(below: 20)).map { _ in fragments[generator.nextIndex(below: fragments.count)] }
                    .joined().utf8)
            var bytes: [UInt8] = withUnsafeBytes(of: UInt64(header.count).littleEndian) { Array($0) }
            bytes +=
                header + (0..<generator.nextIndex(below: 200)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            #expect(throws: AgentError.self) { try Checkpoint.decode(Data(bytes)) }
        }
    }

    @Test func damagedMetricsAreRefusedOrValid() {
        var generator = SplitMix64(seed: 99)
        let original = MetricsCSV.encode(
            TrainingMetrics(
                rows: (1...40).map { frame in
                    .init(
                        frame: frame, update: frame, loss: Float(frame) / 7, epsilon: 1 - Double(frame) / 100,
                        episode: frame % 9 == 0 ? frame / 9 : nil, score: frame % 9 == 0 ? Double(frame) : nil)
                }))
        var refused = 0
        for _ in 0..<4000 {
            let text = String(decoding: damaged(Array(original.utf8), using: &generator), as: UTF8.self)
            do {
                let metrics = try MetricsCSV.decode(text, path: "fuzz.csv")
                #expect(metrics.rows.allSatisfy { $0.frame >= 0 })
            } catch {
                #expect(error.description.hasPrefix("fuzz.csv: "))
                refused += 1
            }
        }
        #expect(refused > 1000, "\(refused) refused")
    }
}
