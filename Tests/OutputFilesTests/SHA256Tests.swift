import Foundation
import OutputFiles
import TestSupport
import Testing

/// The digests of FIPS 180-4's examples, fed whole and in uneven pieces, and of a file.
@Suite struct SHA256Tests {
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ]

    @Test func knownDigests() {
        for (text, digest) in Self.vectors {
            var whole = SHA256()
            whole.update(Data(text.utf8))
            #expect(whole.finishHex() == digest, "\(text)")
            var pieces = SHA256()
            for byte in text.utf8 { pieces.update(Data([byte])) }
            #expect(pieces.finishHex() == digest, "\(text), byte by byte")
        }
    }

    @Test func aMillionAsInPiecesOfEverySize() {
        var hasher = SHA256()
        var fed = 0
        var size = 1
        while fed < 1_000_000 {
            let count = min(size, 1_000_000 - fed)
            hasher.update(Data(repeating: UInt8(ascii: "a"), count: count))
            fed += count
            size = size % 130 + 1
        }
        #expect(hasher.finishHex() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    @Test func aFileIsHashedWithItsSize() throws {
        let folder = try Fixtures.temporaryDirectory("sha")
        let url = folder.appendingPathComponent("abc")
        try Data("abc".utf8).write(to: url)
        let (size, digest) = try SHA256.file(atPath: url.path)
        #expect(size == 3)
        #expect(digest == Self.vectors[1].1)
        #expect(throws: OutputError.self) { try SHA256.file(atPath: folder.appendingPathComponent("missing").path) }
    }
}
