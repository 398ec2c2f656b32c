import Agent
import FileFormats
import Foundation
import TestSupport
import Testing

/// Agents as other trainers save them (Tests/Fixtures/agents, made by Stable-Baselines3 and PyTorch):
/// each gives PyTorch's Q-values, and each hostile file is refused with its reason.
@Suite struct TrainedAgentTests {
    static let folder = Fixtures.directory.appendingPathComponent("agents")

    @Test func everyTrainersAgentGivesPyTorchsQValues() throws {
        let fixture = try Fixtures.json("agents/agents.json")
        let observations = try fixture["observations"].array.map { Observation(try $0.floats) }
        let cases = try fixture["cases"].array
        #expect(cases.count >= 5)
        for item in cases {
            let file = try item["file"].string
            let agent = try TrainedAgent.read(from: Self.folder.appendingPathComponent(file))
            #expect(agent.kind.contains(try item["kind"].string), "\(file): \(agent.kind)")
            #expect(agent.checkpoint == nil && !agent.environmentFromFile && agent.environment == .v0)
            let hidden = try item["hidden"].array.map { try $0.int }
            switch agent.network {
            case let network as QNetwork: #expect(hidden == [network.hidden, network.hidden], "\(file)")
            case let network as Perceptron:
                #expect(network.hidden == hidden, "\(file)")
                #expect(network.activation.rawValue == (try item["activation"].string), "\(file)")
            default: Issue.record("\(file): an unexpected network type")
            }
            try expectPyTorchsQValues(agent.network, observations, item["q_values"], file)
        }
    }

    @Test func hostileAndUnfitFilesAreRefusedWithTheirReason() throws {
        let refused = try Fixtures.json("agents/agents.json")["refused"].array
        #expect(refused.count >= 4)
        for item in refused {
            let file = try item["file"].string
            let error = #expect(throws: AgentError.self) {
                try TrainedAgent.read(from: Self.folder.appendingPathComponent(file))
            }
            let message = error?.description ?? ""
            #expect(message.contains(try item["message"].string), "\(file): \(message)")
            #expect(!message.contains("\n"), "one line: \(message)")
        }
    }

    /// Every prefix of an SB3 zip and of a PyTorch file, and thousands of damaged copies, are refused
    /// in one line or read as a network with finite values; none traps.
    @Test func damagedArchivesAreRefusedOrValid() throws {
        var generator = SplitMix64(seed: 24)
        for file in ["sb3_dqn_32x16_tanh.zip", "notebook.pt"] {
            let original = [UInt8](try Data(contentsOf: Self.folder.appendingPathComponent(file)))
            for length in stride(from: 0, to: original.count, by: max(1, original.count / 300)) {
                #expect(throws: AgentError.self) { try TrainedAgent.decode(Data(original.prefix(length))) }
            }
            var refused = 0
            for _ in 0..<400 {
                var bytes = original
                for _ in 0..<(1 + generator.nextIndex(below: 4)) {
                    bytes[generator.nextIndex(below: bytes.count)] = UInt8(truncatingIfNeeded: generator.next())
                }
                do {
                    let agent = try TrainedAgent.decode(Data(bytes), path: "fuzz")
                    let q = agent.network.qValues(Observation())
                    #expect(q[0].isFinite && q[1].isFinite)
                } catch {
                    #expect(error.description.hasPrefix("fuzz is not a usable agent"))
                    refused += 1
                }
            }
            #expect(refused > 100, "\(file): the CRC-32s catch damage to the data (\(refused) of 400 refused)")
        }
    }
}

/// Hand-made archives and pickles: what the allow-list and the size checks refuse, by name.
@Suite struct HostilePickleTests {
    static func storedZip(_ entries: [(name: String, bytes: [UInt8])], declaring sizes: [Int?] = []) -> Data {
        StoredZip.make(entries, declaring: sizes)
    }

    static func refusal(_ pickle: [UInt8]) -> String {
        do {
            _ = try TrainedAgent.decode(storedZip([("archive/data.pkl", pickle)]), path: "p.pt")
            return "read"
        } catch { return error.description }
    }

    @Test func onlyTheGlobalsAndOpcodesOfAStateDictAreRead() {
        let proto: [UInt8] = [0x80, 2]
        // GLOBAL 'builtins eval', GLOBAL 'posix system', STACK_GLOBAL of 'os' 'system': refused by name.
        for (module, name) in [("builtins", "eval"), ("posix", "system"), ("torch", "load")] {
            let global = proto + [0x63] + Array("\(module)\n\(name)\n".utf8) + [0x29, 0x52, 0x2E]
            #expect(Self.refusal(global).contains("names '\(module).\(name)'"), "\(Self.refusal(global))")
        }
        let stacked = proto + [0x8C, 2] + Array("os".utf8) + [0x8C, 6] + Array("system".utf8) + [0x93, 0x2E]
        #expect(Self.refusal(stacked).contains("names 'os.system'"))
        // INST ('i') and OBJ ('o') build objects: no state dict uses them.
        #expect(Self.refusal(proto + Array("i__main__\nX\n".utf8) + [0x2E]).contains("opcode 0x69"))
        #expect(Self.refusal(proto + [0x28, 0x6F, 0x2E]).contains("opcode 0x6f"))
        // Structure that lies: a memo never set, an empty stack, a truncated string.
        #expect(Self.refusal(proto + [0x68, 9, 0x2E]).contains("memo it never set"))
        #expect(Self.refusal(proto + [0x2E]).contains("empty stack"))
        #expect(Self.refusal(proto + [0x58, 0xFF, 0xFF, 0xFF, 0x7F, 0x41]).contains("truncated"))
        // Nesting that would overflow the stack when freed: a million tuples in tuples, a dict put in itself.
        let nested = proto + [0x4E] + [UInt8](repeating: 0x85, count: 1_000_000) + [0x2E]
        #expect(Self.refusal(nested).contains("nests tuples deeper than 64 levels"))
        let selfish = proto + [0x7D, 0x71, 0] + (0..<100).flatMap { _ in [0x4B, 1, 0x68, 0, 0x73] } + [0x2E]
        #expect(Self.refusal(selfish).contains("holds more than 1048576 entries"), "\(Self.refusal(selfish))")
        // An empty dict is a pickle of no tensors.
        #expect(Self.refusal(proto + [0x7D, 0x2E]).contains("no tensors"))
    }

    /// Content, not a first byte, tells the formats apart: a safetensors file whose header length starts
    /// with 0x80 (as a pickle does) is read, and a pre-1.6 `torch.save` file (its magic number pickled) is
    /// named as one.
    @Test func formatsAreToldApartByTheirContent() throws {
        let tensors: [(name: String, shape: [Int], values: [Float])] = [
            ("w.weight", [2, 4], [Float](repeating: 0.5, count: 8)), ("w.bias", [2], [0, 1]),
        ]
        let padded = try #require(
            (0..<400).lazy.map {
                SafetensorsFile.encode(metadata: ["pad": String(repeating: "x", count: $0)], tensors: tensors)
            }
            .first { $0.first == 0x80 })
        let agent = try TrainedAgent.decode(padded)
        #expect(agent.network.qValues(Observation([1, 1, 1, 1])) == SIMD2(2, 3))
        let legacy = Data([0x80, 0x02, 0x8A, 0x0A, 0x6C, 0xFC, 0x9C, 0x46, 0xF9, 0x20, 0x6A, 0xA8, 0x50, 0x19, 0x2E])
        let error = #expect(throws: AgentError.self) { try TrainedAgent.decode(legacy) }
        #expect(error?.description.contains("a PyTorch file of before version 1.6") == true)
    }

    @Test func entriesLargerThanTheirLimitAreRefusedUnread() {
        let pickle: [UInt8] = [0x80, 2, 0x7D, 0x2E]
        let huge = Self.storedZip([("archive/data.pkl", pickle)], declaring: [Int(UInt32.max - 1)])
        let error = #expect(throws: AgentError.self) { try TrainedAgent.decode(huge) }
        #expect(error?.description.contains("declares 4294967294 bytes") == true, "\(String(describing: error))")
        let big = Self.storedZip([("archive/data.pkl", pickle)], declaring: [100])
        let lying = #expect(throws: AgentError.self) { try TrainedAgent.decode(big) }
        #expect(lying?.description.contains("stored with two different sizes") == true, "\(String(describing: lying))")
    }
}

/// Small files that claim a lot (round three): deep nesting made after insertion, a flood of values, storages
/// larger than their entries, many tensors. Each is refused in one line, in bounded memory and time.
@Suite struct ClaimingPickleTests {
    typealias Zip = HostilePickleTests

    static func text(_ string: String) -> [UInt8] { [0x8C, UInt8(string.utf8.count)] + Array(string.utf8) }
    static func long(_ value: Int) -> [UInt8] {
        [0x8A, 8] + withUnsafeBytes(of: Int64(value).littleEndian) { Array($0) }
    }
    static func tuple(_ items: [[UInt8]]) -> [UInt8] { [0x28] + items.flatMap { $0 } + [0x74] }

    /// `torch._utils._rebuild_tensor_v2` of a FloatStorage `key` of `count` elements, viewed with `shape`
    /// (row-major strides).
    static func tensor(key: String, count: Int, shape: [Int]) -> [UInt8] {
        let strides = shape.indices.map { shape[($0 + 1)...].reduce(1, *) }
        let id = tuple([text("storage"), Array("ctorch\nFloatStorage\n".utf8), text(key), text("cpu"), long(count)])
        return Array("ctorch._utils\n_rebuild_tensor_v2\n".utf8)
            + tuple([id + [0x51], long(0), tuple(shape.map(long)), tuple(strides.map(long))]) + [0x52]
    }

    /// A state dict pickle of `entries` (name, pickled value), as `torch.save` lays one out.
    static func stateDict(_ entries: [(String, [UInt8])]) -> [UInt8] {
        [0x80, 2, 0x7D] + entries.flatMap { text($0.0) + $0.1 + [0x73] } + [0x2E]
    }

    static func floats(_ values: [Float]) -> [UInt8] { values.flatMap { withUnsafeBytes(of: $0) { Array($0) } } }

    static func decoded(_ entries: [(name: String, bytes: [UInt8])], declaring sizes: [Int?] = []) -> String {
        do {
            _ = try TrainedAgent.decode(Zip.storedZip(entries, declaring: sizes), path: "p.pt")
            return "read"
        } catch { return error.description }
    }

    @Test func aStateDictMadeByHandIsRead() throws {
        let pickle = Self.stateDict([
            ("l.weight", Self.tensor(key: "0", count: 8, shape: [2, 4])),
            ("l.bias", Self.tensor(key: "1", count: 2, shape: [2])),
        ])
        let zip = Zip.storedZip([
            ("a/data.pkl", pickle), ("a/data/0", Self.floats([1, 0, 0, 0, 0, 1, 0, 0])),
            ("a/data/1", Self.floats([5, 6])),
        ])
        let agent = try TrainedAgent.decode(zip)
        #expect(agent.network.qValues(Observation([1, 2, 3, 4])) == SIMD2(6, 8))
    }

    /// Empty dicts put into each other while empty (a depth no insertion sees), 100000 deep: read and freed
    /// without recursion.
    @Test func dictsNestedAfterTheirInsertionAreFreedWithoutRecursion() {
        var pickle: [UInt8] = [0x80, 2, 0x7D]
        for level in 0..<100_000 {
            let index = withUnsafeBytes(of: UInt32(level).littleEndian) { Array($0) }
            pickle += [0x4B, 1, 0x7D, 0x72] + index + [0x73, 0x6A] + index
        }
        pickle += [0x2E]
        #expect(Self.decoded([("a/data.pkl", pickle)]).contains("no tensors"))
    }

    @Test func aFloodOfValuesIsRefusedAtTheBudget() {
        let flood: [UInt8] = [0x80, 2] + [UInt8](repeating: 0x4E, count: 2_000_000) + [0x2E]
        #expect(Self.decoded([("a/data.pkl", flood)]).contains("makes more than 1048576 values"))
        let memo: [UInt8] = [0x80, 2, 0x4E] + Array(repeating: [UInt8]([0x94]), count: 1_100_000).flatMap { $0 }
        #expect(Self.decoded([("a/data.pkl", memo + [0x2E])]).contains("makes more than 1048576 values"))
    }

    @Test func aStorageIsNeverLargerThanItsEntryOrTheLargestLayer() {
        func refusal(count: Int, shape: [Int], stored: Int, declared: Int? = nil) -> String {
            let pickle = Self.stateDict([
                ("l.weight", Self.tensor(key: "0", count: count, shape: shape)),
                ("m.weight", Self.tensor(key: "1", count: 2 * shape[0], shape: [2, shape[0]])),
            ])
            return Self.decoded(
                [
                    ("a/data.pkl", pickle), ("a/data/0", [UInt8](repeating: 0, count: stored)),
                    ("a/data/1", [UInt8](repeating: 0, count: 8 * shape[0])),
                ], declaring: [nil, declared])
        }
        // A terabyte claimed by a small file; a large storage behind a small view; an entry that holds less.
        #expect(refusal(count: 1 << 38, shape: [2, 4], stored: 32).contains("declares 1099511627776 bytes, more than"))
        #expect(refusal(count: 900_000_000, shape: [128, 4], stored: 32).contains("declares 3600000000 bytes"))
        #expect(refusal(count: 1000, shape: [2, 4], stored: 32).contains("holds 32 bytes, not the 4000 it declares"))
        #expect(refusal(count: 8, shape: [2, 4], stored: 32, declared: 64).contains("holds 64 bytes, not the 32"))
        #expect(refusal(count: 8, shape: [2, 4], stored: 32) == "read")
    }

    /// 100000 tensors (one, memoized, under 100000 names): modules are looked up by hash, not by search.
    @Test func aHundredThousandTensorsAreRefusedAtOnce() {
        var pickle: [UInt8] = [0x80, 2, 0x7D]
        pickle += Self.text("m0.weight") + Self.tensor(key: "0", count: 8, shape: [2, 4]) + [0x71, 0, 0x73]
        for index in 1..<100_000 { pickle += Self.text("m\(index).weight") + [0x68, 0, 0x73] }
        pickle += Self.text("m5.running_mean") + [0x68, 0, 0x73, 0x2E]
        let started = Date()
        let message = Self.decoded([("a/data.pkl", pickle), ("a/data/0", [UInt8](repeating: 0, count: 32))])
        #expect(message.contains("'m5' holds 'm5.running_mean'"), "\(message)")
        #expect(Date().timeIntervalSince(started) < 20, "linear in the tensors, not quadratic")
    }

    @Test func stableBaselinesEntriesAreBoundedByWhatAModelNeeds() {
        let zeros =
            [UInt8]("[".utf8) + Array(repeating: Array("0,".utf8), count: 600_000).flatMap { $0 } + [0x30, 0x5D]
        let policy = Zip.storedZip([("a/data.pkl", [0x80, 2, 0x7D, 0x2E])])
        let data = Self.decoded([("data", zeros), ("policy.pth", [UInt8](policy))])
        #expect(data.contains("entry 'data' declares 1200003 bytes, more than such an entry can hold"), "\(data)")
        let huge = Self.decoded(
            [
                ("data", Array(#"{"observation_space": {"_shape": [4]}, "action_space": {"n": 2}}"#.utf8)),
                ("policy.pth", [UInt8](policy)),
            ], declaring: [nil, 2_000_000_000])
        #expect(huge.contains("entry 'policy.pth' declares 2000000000 bytes"), "\(huge)")
    }
}
