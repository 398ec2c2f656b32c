import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// Hostile numbers in files: offsets and shapes near `Int.max`, negative, zero, fractional and mistyped
/// ones, extreme and non-finite values spelled every way. Each is refused with an error or read as a valid
/// result; none may trap (before, offsets near `Int.max` overflowed an addition in the checkpoint loader).
@Suite struct AdversarialFileTests {
    /// A small valid checkpoint, made anew for each test (a static would live as long as the process, which
    /// LeakSanitizer reports).
    static var checkpoint: Data {
        var generator = SplitMix64(seed: 5)
        return Checkpoint(network: QNetwork(hidden: 4, using: &generator), training: .hidden4, frames: 10).encoded()
    }

    static let hostileOffsets = [
        "[0,9223372036854775807]", "[9223372036854775807,9223372036854775807]",
        "[9223372036854775744,9223372036854775807]",
        "[-9223372036854775808,64]", "[-64,0]", "[64,0]", "[0,1e308]", "[1e308,1e308]", "[0,18446744073709551615]",
        "[0,99999999999999999999999]", "[0.5,64]", "[0,64,128]", "[0]", "[\"0\",\"64\"]", "null", "[true,64]", "[0,-1]",
    ]

    static let hostileShapes = [
        "[9223372036854775807,4]", "[4611686018427387904,4]", "[4611686018427387904,2,2]", "[-4,-4]", "[0,4]", "[4,0]",
        "[1e308,4]", "[4.5,4]", "[]", "[16]", "[2,2,2,2]", "[9223372036854775807,9223372036854775807]",
        "[1,1,1,1,1,1,1,1,1,16]", "[-1,-16]", "[\"4\",4]", "{}",
    ]

    @Test(arguments: hostileOffsets)
    func hostileDataOffsetsAreRefused(_ offsets: String) {
        let data = SafetensorsBytes.editingHeader(Self.checkpoint) {
            $0 = $0.replacingOccurrences(of: "[0,64]", with: offsets)
        }
        #expect(data != Self.checkpoint)
        #expect(throws: AgentError.self) { try Checkpoint.decode(data) }
    }

    @Test(arguments: hostileShapes)
    func hostileShapesAreRefused(_ shape: String) {
        let data = SafetensorsBytes.editingHeader(Self.checkpoint) {
            $0 = $0.replacingOccurrences(of: "[4,4]", with: shape)
        }
        #expect(data != Self.checkpoint)
        #expect(throws: AgentError.self) { try Checkpoint.decode(data) }
    }

    @Test func headerLengthsNearTheLimitsAreRefused() {
        for length in [UInt64.max, UInt64(Int.max), UInt64(Int.max) + 1, UInt64(Self.checkpoint.count), 0, 1] {
            var data = Self.checkpoint
            withUnsafeBytes(of: length.littleEndian) { data.replaceSubrange(0..<8, with: $0) }
            #expect(throws: AgentError.self, "header length \(length)") { try Checkpoint.decode(data) }
        }
    }

    /// Headers that nest deeply or repeat a key: refused (or read) without exhausting the stack.
    @Test func deeplyNestedAndRepeatingHeadersAreRefused() {
        let depth = SafetensorsFile.maximumHeaderLength / 2 - 8
        for text in [
            String(repeating: "[", count: depth), String(repeating: "{\"a\":", count: depth / 5),
            "{\"layers.0.weight\":{},\"layers.0.weight\":{}}",
        ] {
            let data = SafetensorsBytes.replacingHeader(Self.checkpoint, with: text)
            #expect(throws: AgentError.self) { try Checkpoint.decode(data) }
        }
    }

    /// A tensor of another dtype is read and converted; the values are those its bits mean.
    @Test func otherDTypesAreConverted() throws {
        let tensors: [(String, String, [UInt8], [Float])] = [
            ("F16", "[3]", [0x00, 0x3C, 0x00, 0xC0, 0xFF, 0x7B], [1, -2, 65504]),
            ("BF16", "[2]", [0x80, 0x3F, 0xC0, 0xC0], [1, -6]),
            ("F64", "[1]", Array(withUnsafeBytes(of: 0.1.bitPattern.littleEndian) { Array($0) }), [Float(0.1)]),
            ("F32", "[1]", Array(withUnsafeBytes(of: Float(-3.5).bitPattern.littleEndian) { Array($0) }), [-3.5]),
        ]
        for (dtype, shape, bytes, expected) in tensors {
            let header = "{\"t\":{\"dtype\":\"\(dtype)\",\"shape\":\(shape),\"data_offsets\":[0,\(bytes.count)]}}"
            var data = Data(withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { Array($0) })
            data += Array(header.utf8) + bytes
            let file = try SafetensorsFile(data)
            #expect(try file.floats("t") == expected, "\(dtype)")
            #expect(file.metadata == nil)
        }
        let unknown = "{\"t\":{\"dtype\":\"I64\",\"shape\":[1],\"data_offsets\":[0,8]}}"
        let data =
            Data(withUnsafeBytes(of: UInt64(unknown.utf8.count).littleEndian) { Array($0) }) + Array(unknown.utf8)
            + [UInt8](repeating: 0, count: 8)
        #expect(throws: FileFormatError.self) { try SafetensorsFile(data).floats("t") }
    }

    /// Extreme and non-finite numbers in every column of metrics.csv: losses and epsilons read, scores
    /// beyond `LoggedValue`'s bounds refused, never a trap; frames beyond a training's are refused.
    @Test func extremeMetricsValuesAreReadOrRefused() throws {
        let reals = [
            "1e308", "-1e308", "1.7976931348623157e308", "4.9e-324", "-4.9e-324", "2.2250738585072014e-308",
            "inf", "-inf", "+inf", "INF", "Infinity", "-Infinity", "infinity", "nan", "NaN", "-nan", "NAN",
            "nan(0x1)", "0x1p1023", "1e999", "-1e999", "0", "-0",
        ]
        for value in reals {
            let text = "frame,update,loss,epsilon,episode,score\n1,1,\(value),\(value),1,10\n"
            let metrics = try MetricsCSV.decode(text, path: "m.csv")
            #expect(metrics.rows.count == 1, "\(value)")
            let scored = "frame,update,loss,epsilon,episode,score\n1,1,1,1,1,\(value)\n"
            if let score = try? MetricsCSV.decode(scored, path: "m.csv").rows.first?.score {
                #expect(LoggedValue.isReturn(score), "\(value) is read only as a return a log can hold")
            }
        }
        // Int.max is beyond any training's frames; Int.min is a negative one.
        let largest =
            "frame,update,loss,epsilon,episode,score\n9223372036854775807,9223372036854775807,1,1,9223372036854775807,1\n"
        #expect(throws: AgentError.self) { try MetricsCSV.decode(largest, path: "m.csv") }
        let smallest =
            "frame,update,loss,epsilon,episode,score\n-9223372036854775808,-9223372036854775808,1,1,-9223372036854775808,1\n"
        #expect(throws: AgentError.self) { try MetricsCSV.decode(smallest, path: "m.csv") }
        for frame in ["9223372036854775808", "99999999999999999999", "-9223372036854775809"] {
            let text = "frame,update,loss,epsilon,episode,score\n\(frame),1,1,1,,\n"
            #expect(throws: AgentError.self, "\(frame)") { try MetricsCSV.decode(text, path: "m.csv") }
        }
    }
}
