import Foundation
import OutputFiles
import TestSupport
import Testing

/// Outputs appear whole or not at all, and what killed processes leave behind is cleared.
@Suite struct AtomicFileTests {
    func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    /// The id of a process that has ended (and been reaped), so no process has it for now.
    func deadProcessID() throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return process.processIdentifier
    }

    @Test func aWriteLeavesOnlyTheFinishedFile() throws {
        let folder = try Fixtures.temporaryDirectory("atomic")
        let url = folder.appendingPathComponent("out.bin")
        try AtomicFile.write(Data([1, 2, 3]), to: url)
        try AtomicFile.write(Data([4, 5]), to: url)
        #expect(try Data(contentsOf: url) == Data([4, 5]))
        #expect(names(folder) == ["out.bin"])
    }

    @Test func anUncommittedFileLeavesNothing() throws {
        let folder = try Fixtures.temporaryDirectory("atomic-drop")
        do {
            let file = AtomicFile(folder.appendingPathComponent("video.mp4"))
            try Data([9]).write(to: file.temporary)
            #expect(names(folder) == [file.temporary.lastPathComponent])
            #expect(file.temporary.lastPathComponent.hasPrefix(".video.mp4.partial-\(getpid())-"))
        }
        #expect(names(folder).isEmpty)
    }

    @Test func aFailedWriteNamesThePathAndLeavesNothing() throws {
        let url = URL(fileURLWithPath: "/nonexistent-folder-\(getpid())/out.bin")
        #expect(throws: OutputError.self) { try AtomicFile.write(Data([1]), to: url) }
        do { try AtomicFile.write(Data([1]), to: url) } catch {
            #expect(error.description.hasPrefix(url.path + ": cannot create it: "), "\(error)")
        }
    }

    @Test func abandonedFilesOfEndedProcessesAreRemovedOthersKept() throws {
        let folder = try Fixtures.temporaryDirectory("abandoned")
        let dead = try deadProcessID()
        let abandoned = [".metrics.csv.partial-\(dead)-1", ".rl-video-episode-0.mp4.partial-\(dead)-7"]
        let kept = [
            ".training.png.partial-1-1",  // process 1 is running
            ".agent.safetensors.partial-\(getpid())-3",  // this process's own
            "rl-video-episode-0.mp4", ".hidden", "notes.partial-\(dead)-1", ".x.partial-abc",
        ]
        for name in abandoned + kept { try Data([0]).write(to: folder.appendingPathComponent(name)) }
        #expect(AtomicFile.removeAbandoned(in: folder) == abandoned.sorted())
        #expect(names(folder) == kept.sorted())
    }
}
