import Foundation
import OutputFiles
import TestSupport
import Testing

/// A result folder is one command's, written whole or not at all, and its manifest tells which files are its.
@Suite struct RunFolderTests {
    static let outputs = ["a.txt", "b.txt", "sub", "video-*"]

    func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { !$0.hasPrefix(".") }
            .sorted()
    }

    func open(_ folder: URL, _ command: String = "make") throws -> RunFolder {
        try RunFolder(folder, command: command, outputs: Self.outputs, holder: "test \(command)")
    }

    func write(_ text: String, _ path: String, in folder: URL) throws {
        let url = folder.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func commit(_ run: RunFolder, _ state: RunManifest.State = .complete) throws -> RunManifest {
        try run.commit(version: "test", arguments: ["make"], settings: ["seed": "1"], state: state)
    }

    /// The module names no command-line flag: a message names the setting as a part of it, and a front
    /// end words it.
    @Test func messagesNameTheSettingAsAPart() {
        let url = URL(fileURLWithPath: "/tmp/x")
        for error in [
            RunFolderError.busy(url, holder: "cartpole run"), .otherCommand(url, command: "train"), .unlisted(url),
        ] {
            #expect(!error.description.contains("--out") && error.description.contains("choose another out"))
            #expect(error.text.worded { "--" + $0 }.contains("choose another --out"))
        }
    }

    @Test func aCommitListsEveryFileWithItsDigest() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder").appendingPathComponent("out/deeper")
        defer {
            try? FileManager.default.removeItem(at: folder.deletingLastPathComponent().deletingLastPathComponent())
        }
        let run = try open(folder)
        try write("abc", "a.txt", in: run.staging)
        try write("x", "sub/x.txt", in: run.staging)
        #expect(names(folder).isEmpty, "nothing appears before the commit")
        let manifest = try commit(run)
        #expect(names(folder) == ["a.txt", "manifest.json", "sub"])
        #expect(manifest.files.map(\.path) == ["a.txt", "sub/x.txt"])
        #expect(manifest.file("a.txt")?.sha256 == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(try RunManifest.read(in: folder) == manifest)
        #expect(manifest.changedFiles(in: folder).isEmpty)
        try write("abd", "a.txt", in: folder)
        #expect(manifest.changedFiles(in: folder) == ["a.txt"])
    }

    @Test func theSameCommandReplacesEveryEarlierOutputAndNothingElse() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder")
        let first = try open(folder)
        try write("1", "a.txt", in: first.staging)
        try write("1", "sub/1.txt", in: first.staging)
        try write("1", "video-0.mp4", in: first.staging)
        _ = try commit(first)
        try write("mine", "notes.txt", in: folder)
        let second = try open(folder)
        try write("2", "b.txt", in: second.staging)
        try write("2", "sub/2.txt", in: second.staging)
        try write("2", "video-0.webm", in: second.staging)
        _ = try commit(second, .interrupted)
        #expect(names(folder) == ["b.txt", "manifest.json", "notes.txt", "sub", "video-0.webm"])
        #expect(names(folder.appendingPathComponent("sub")) == ["2.txt"], "no stale file in a replaced folder")
        #expect(try RunManifest.read(in: folder)?.state == .interrupted)
    }

    @Test func aFolderOfAnotherCommandOrWithAFileInTheWayIsRefusedBeforeAnyWork() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder")
        try write("user's", "b.txt", in: folder)
        #expect(throws: RunFolderError.unlisted(folder.appendingPathComponent("b.txt"))) { try open(folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("b.txt"))
        let first = try open(folder, "one")
        try write("1", "a.txt", in: first.staging)
        _ = try commit(first)
        #expect(throws: RunFolderError.otherCommand(folder, command: "one")) { try open(folder, "two") }
        try write("{}", "manifest.json", in: folder)
        #expect(throws: RunFolderError.self) { try open(folder, "one") }
    }

    @Test func aSecondWriterIsRefusedWithTheFirstOnesCommand() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder")
        let first = try open(folder)
        #expect(throws: RunFolderError.busy(folder, holder: "process \(getpid()) (test make)")) { try open(folder) }
        _ = try commit(first)
        _ = try open(folder)
    }

    @Test func aFolderDroppedUncommittedLeavesTheEarlierOutputsAsTheyWere() throws {
        let parent = try Fixtures.temporaryDirectory("run-folder")
        let folder = parent.appendingPathComponent("out")
        do {
            let run = try open(folder)
            try write("x", "a.txt", in: run.staging)
        }
        #expect(names(parent).isEmpty, "a folder it created and wrote nothing into is removed")
        let first = try open(folder)
        try write("1", "a.txt", in: first.staging)
        let manifest = try commit(first)
        do {
            let failing = try open(folder)
            try write("2", "a.txt", in: failing.staging)
            try write("2", "b.txt", in: failing.staging)
        }
        #expect(names(folder) == ["a.txt", "manifest.json"])
        #expect(try RunManifest.read(in: folder) == manifest)
        #expect(manifest.changedFiles(in: folder).isEmpty)
        let hidden = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(".") }
        #expect(hidden == [".cartpole.lock"])
    }

    @Test func whatAKilledWriterLeftIsRemovedOrFinishedAndSaidSo() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder")
        let first = try open(folder)
        try write("1", "a.txt", in: first.staging)
        let earlier = try commit(first)
        // Staging abandoned by a killed writer.
        try write("junk", ".cartpole-staging-99999-1/a.txt", in: folder)
        let cleaning = try open(folder)
        #expect(
            cleaning.notes.count == 1 && cleaning.notes[0].contains(".cartpole-staging-99999-1"), "\(cleaning.notes)")
        #expect(names(folder) == ["a.txt", "manifest.json"])
        try write("1", "a.txt", in: cleaning.staging)
        _ = try commit(cleaning)

        // A commit cut short after its journal and one move: the next opener finishes it.
        let staged = folder.appendingPathComponent(".cartpole-staging-99999-2")
        try write("2", "b.txt", in: staged)
        var newer = earlier
        newer.files = [
            RunManifest.File(
                path: "b.txt", size: 1, sha256: "d4735e3a265e16eee03f59718b9b5d03019c07d8b6c51f90da3a666eec13ab35"),
            RunManifest.File(
                path: "sub/c.txt", size: 1, sha256: "4e07408562bedb8b60ce05c1decfe3ad16b72230967de01f640b7e4729b49fce"),
        ]
        try JSONEncoder().encode(newer).write(to: staged.appendingPathComponent("manifest.json"))
        try write("3", "sub/c.txt", in: folder)
        rename(
            folder.appendingPathComponent("manifest.json").path,
            folder.appendingPathComponent(".cartpole-replaced-manifest.json").path)
        try Data(#"{"staging":".cartpole-staging-99999-2","remove":["a.txt"]}"#.utf8).write(
            to: folder.appendingPathComponent(".cartpole-commit"))
        let finishing = try open(folder)
        #expect(finishing.notes.first?.contains("finished moving") == true, "\(finishing.notes)")
        #expect(names(folder) == ["b.txt", "manifest.json", "sub"])
        #expect(try RunManifest.read(in: folder) == newer)
        #expect(newer.changedFiles(in: folder).isEmpty)
    }

    @Test func aJournalThatNamesPathsOutsideTheFolderIsRefused() throws {
        let root = try Fixtures.temporaryDirectory("run-folder-outside")
        let folder = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("keep", "x", in: root)
        try Data(#"{"staging":".cartpole-staging-1-1","remove":["../x"]}"#.utf8).write(
            to: folder.appendingPathComponent(".cartpole-commit"))
        #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(try String(contentsOf: root.appendingPathComponent("x"), encoding: .utf8) == "keep")
    }

    @Test func anInputFileStandsAgainstTheManifestOfItsFolder() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder")
        let run = try open(folder)
        try write("1", "a.txt", in: run.staging)
        try write("1", "sub/x.txt", in: run.staging)
        let manifest = try commit(run)
        #expect(try RunManifest.standing(of: folder.appendingPathComponent("a.txt")) == .listed(manifest))
        #expect(try RunManifest.standing(of: folder.appendingPathComponent("sub/x.txt")) == .listed(manifest))
        try write("planted", "sub/y.txt", in: folder)
        #expect(try RunManifest.standing(of: folder.appendingPathComponent("sub/y.txt")) == .unlisted(manifest))
        try write("2", "a.txt", in: folder)
        #expect(throws: RunFolderError.changed(folder.appendingPathComponent("a.txt"), command: "make")) {
            try RunManifest.standing(of: folder.appendingPathComponent("a.txt"))
        }
        let elsewhere = try Fixtures.temporaryDirectory("run-folder-foreign")
        try write("1", "f.txt", in: elsewhere)
        #expect(try RunManifest.standing(of: elsewhere.appendingPathComponent("f.txt")) == .foreign)
    }

    /// Round three: what a folder holds never makes a command touch anything outside it or anything no
    /// manifest of its own lists.
    @Test func aPlantedJournalIsFollowedOnlyWithinTheFolder() throws {
        let root = try Fixtures.temporaryDirectory("run-folder-journal")
        let folder = root.appendingPathComponent("out")
        let outside = root.appendingPathComponent("outside")
        try write("precious", "keep.txt", in: outside)
        let first = try open(folder)
        try write("1", "a.txt", in: first.staging)
        _ = try commit(first)
        // A staging name that is a symlink to a folder outside.
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(".cartpole-staging-1-1").path, withDestinationPath: outside.path)
        try Data(#"{"staging":".cartpole-staging-1-1","remove":[]}"#.utf8).write(
            to: folder.appendingPathComponent(".cartpole-commit"))
        let symlinked = #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(
            symlinked?.description.contains("not a folder of this tool's") == true, "\(String(describing: symlinked))")
        #expect(names(outside) == ["keep.txt"] && names(folder) == ["a.txt", "manifest.json"])
        // A journal that removes what the manifest does not list, or names another kind of folder.
        unlink(folder.appendingPathComponent(".cartpole-staging-1-1").path)
        try write("mine", "notes.txt", in: folder)
        try write("2", "b.txt", in: folder.appendingPathComponent(".cartpole-staging-1-1"))
        try Data(#"{"staging":".cartpole-staging-1-1","remove":["notes.txt"]}"#.utf8).write(
            to: folder.appendingPathComponent(".cartpole-commit"))
        let unlisted = #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(unlisted?.description.contains("removes notes.txt, which its manifest does not list") == true)
        try Data(#"{"staging":"../outside","remove":[]}"#.utf8).write(
            to: folder.appendingPathComponent(".cartpole-commit"))
        #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(names(folder) == ["a.txt", "manifest.json", "notes.txt"] && names(outside) == ["keep.txt"])
        // Removing the journal, as the message says, clears the way; the abandoned staging folder goes.
        unlink(folder.appendingPathComponent(".cartpole-commit").path)
        let next = try open(folder)
        #expect(next.notes.count == 1 && next.notes[0].contains(".cartpole-staging-1-1"), "\(next.notes)")
    }

    @Test func aRerunRemovesOnlyWhatItsManifestListsInsideItsFolders() throws {
        let folder = try Fixtures.temporaryDirectory("run-folder-merge")
        let first = try open(folder)
        try write("1", "sub/old.txt", in: first.staging)
        try write("1", "sub/kept.txt", in: first.staging)
        _ = try commit(first)
        try write("mine", "sub/notes.txt", in: folder)
        let second = try open(folder)
        try write("2", "sub/kept.txt", in: second.staging)
        try write("2", "sub/new.txt", in: second.staging)
        let manifest = try commit(second)
        #expect(names(folder.appendingPathComponent("sub")) == ["kept.txt", "new.txt", "notes.txt"])
        #expect(manifest.changedFiles(in: folder).isEmpty)
        // A manifest naming a path outside its folder is refused when the folder is opened, before any work.
        var forged = manifest
        forged.files.append(RunManifest.File(path: "../../etc/passwd", size: 1, sha256: ""))
        try JSONEncoder().encode(forged).write(to: folder.appendingPathComponent("manifest.json"))
        let error = #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(error?.description.contains("lists '../../etc/passwd', which is not a file inside its folder") == true)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent(".cartpole-commit").path))
    }

    @Test func aResultFolderInsideAnothersOutputsIsRefused() throws {
        let root = try Fixtures.temporaryDirectory("run-folder-nested")
        let outer = try open(root)
        try write("1", "sub/x.txt", in: outer.staging)
        _ = try commit(outer)
        let inside = root.appendingPathComponent("sub/mine")
        let error = #expect(throws: RunFolderError.self) { try open(inside, "eval") }
        #expect(error?.description.contains("sub/mine lies inside the outputs of `cartpole make`") == true)
        #expect(!FileManager.default.fileExists(atPath: inside.path), "nothing created")
        _ = try commit(try open(root.appendingPathComponent("beside"), "eval"))
        // A compare folder's runs are train folders inside it, by design.
        let compare = root.appendingPathComponent("beside/cmp")
        let sweep = try open(compare, "compare")
        try write("1", "compare.csv", in: sweep.staging)
        _ = try commit(sweep)
        _ = try commit(try open(compare.appendingPathComponent("runs/n-step=1/seed-1"), "train"))
    }

    @Test func aLockFileLinkedElsewhereIsRefusedAndNeverTruncated() throws {
        let root = try Fixtures.temporaryDirectory("run-folder-lock")
        let folder = root.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try write("precious", "victim.txt", in: root)
        link(root.appendingPathComponent("victim.txt").path, folder.appendingPathComponent(".cartpole.lock").path)
        let error = #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(error?.description.contains("not a file of its own") == true, "\(String(describing: error))")
        #expect(try String(contentsOf: root.appendingPathComponent("victim.txt"), encoding: .utf8) == "precious")
        unlink(folder.appendingPathComponent(".cartpole.lock").path)
        try FileManager.default.createSymbolicLink(
            atPath: folder.appendingPathComponent(".cartpole.lock").path,
            withDestinationPath: root.appendingPathComponent("victim.txt").path)
        #expect(throws: RunFolderError.self) { try open(folder) }
        #expect(try String(contentsOf: root.appendingPathComponent("victim.txt"), encoding: .utf8) == "precious")
    }
}
