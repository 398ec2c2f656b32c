import Foundation
import TestSupport
import Testing

@testable import Agent
@testable import FileFormats

/// TensorBoard event files as TensorBoard's own writer makes them (Tests/Fixtures/tensorboard, made by
/// scripts/reference/make_tensorboard_fixture.py), read back with the values TensorBoard's own reader gives.
@Suite struct TensorBoardEventsTests {
    let folder = Fixtures.directory.appendingPathComponent("tensorboard")

    func expected() throws -> (file: URL, scalars: [String: [(step: Int64, value: Double)]]) {
        let json = try Fixtures.json("tensorboard/tensorboard.json")
        var scalars: [String: [(Int64, Double)]] = [:]
        let scalarsJSON = try json["scalars"]
        guard case .object(let tags) = scalarsJSON.value else {
            Issue.record("tensorboard.json's scalars is not an object")
            return (folder, [:])
        }
        for (tag, points) in tags {
            scalars[tag] = try points.array.map { (Int64(try $0[0].int), try $0[1].double) }
        }
        return (folder.appendingPathComponent(try json["file"].string), scalars)
    }

    @Test func everyScalarIsWhatTensorBoardReads() throws {
        let (file, scalars) = try expected()
        let events = try TensorBoardEvents.read(from: file)
        #expect(events.damage == nil)
        #expect(Set(events.scalars.keys) == Set(scalars.keys), "simple values and a TensorFlow 2 tensor scalar")
        for (tag, points) in scalars {
            let read = try #require(events.scalars[tag])
            #expect(read.map(\.step) == points.map(\.step), "\(tag)")
            #expect(read.map(\.value) == points.map(\.value), "\(tag)")
        }
    }

    @Test func theChecksumIsCastagnolis() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    /// A damaged record ends the reading, said with its offset; what came before is kept.
    @Test func damageIsNamedByOffsetAndTheRecordsBeforeItAreKept() throws {
        let (file, scalars) = try expected()
        let data = try Data(contentsOf: file)
        let whole = TensorBoardEvents.decode(data)
        let returns = try #require(scalars["charts/episodic_return"])
        // The first record is the file-version event; damage the fourth record's data.
        var offsets: [Int] = []
        var offset = 0
        let bytes = [UInt8](data)
        while offset < bytes.count {
            offsets.append(offset)
            let length = (0..<8).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) }
            offset += 16 + length
        }
        var flipped = bytes
        flipped[offsets[3] + 14] ^= 0x40
        let damaged = TensorBoardEvents.decode(Data(flipped))
        #expect(damaged.damage == "the record at byte \(offsets[3]) has data whose checksum disagrees")
        #expect(damaged.scalars["charts/episodic_return"]?.count == 2, "the records before it")
        let cut = TensorBoardEvents.decode(data.prefix(offsets[5] + 20))
        #expect(cut.damage?.hasPrefix("the record at byte \(offsets[5]) is cut short") == true)
        #expect(cut.scalars["charts/episodic_return"]?.map(\.value) == Array(returns.prefix(4).map(\.value)))
        // A length that claims more than the file holds is refused without reading it.
        var lying = bytes
        for i in 0..<8 { lying[offsets[2] + i] = 0xFF }
        #expect(TensorBoardEvents.decode(Data(lying)).damage?.contains("byte \(offsets[2])") == true)
        #expect(whole.damage == nil && TensorBoardEvents.decode(Data()).scalars.isEmpty)
    }

    /// Random damage of every kind never crashes the reader, and no damaged file yields more records.
    @Test func randomDamageIsReadSafely() throws {
        let (file, _) = try expected()
        let bytes = [UInt8](try Data(contentsOf: file))
        let whole = TensorBoardEvents.decode(Data(bytes)).scalars.values.map(\.count).reduce(0, +)
        var generator = SplitMix64(seed: 11)
        for _ in 0..<2000 {
            var damaged = bytes
            for _ in 0...generator.nextIndex(below: 4) {
                damaged[generator.nextIndex(below: damaged.count)] = UInt8(generator.nextIndex(below: 256))
            }
            let kept = generator.nextIndex(below: damaged.count + 1)
            let read = TensorBoardEvents.decode(Data(damaged.prefix(kept)))
            #expect(read.scalars.values.map(\.count).reduce(0, +) <= whole)
        }
    }
}
