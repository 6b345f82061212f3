import Foundation
import Testing
import TestSupport
@testable import OwnedFiles

/// An output directory is taken when new, empty or pstscope's own, and only pstscope's files in
/// it are ever written again.
struct OutputDirectoryTests {
    let scratch = Scratch()

    func mode(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int
    }

    @Test func aNewDirectoryIsCreatedPrivateWithItsParents() throws {
        let path = scratch.path("a/b/out")
        var output = try OutputDirectory(claiming: path)
        for directory in ["a", "a/b", "a/b/out"] { #expect(mode(scratch.path(directory)) == 0o700, "\(directory)") }
        let written = try output.write(Data("x".utf8), as: "csv/t.csv")
        #expect(mode(written) == 0o600)
        #expect(mode(scratch.path("a/b/out/csv")) == 0o700)
        let manifest = try String(contentsOfFile: "\(path)/\(OutputDirectory.manifestName)", encoding: .utf8)
        #expect(manifest.split(separator: "\n").dropFirst() == ["csv/t.csv"])
    }

    @Test func anEmptyDirectoryIsTakenAForeignOneIsNot() throws {
        try FileManager.default.createDirectory(atPath: scratch.path("empty"), withIntermediateDirectories: false)
        #expect(throws: Never.self) { try OutputDirectory(claiming: scratch.path("empty")) }
        try scratch.file("full/.bashrc", Data("alias ll='ls -l'".utf8))
        #expect(throws: OutputError.foreignDirectory(scratch.path("full"))) {
            try OutputDirectory(claiming: scratch.path("full"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path("full")) == [".bashrc"])
        let file = try scratch.file("plain", Data())
        #expect(throws: OutputError.notADirectory(file)) { try OutputDirectory(claiming: file) }
    }

    @Test func laterRunsRewriteTheirOwnFilesOnly() throws {
        let path = scratch.path("out")
        var first = try OutputDirectory(claiming: path)
        try first.write(Data("1".utf8), as: "report.json")
        try scratch.file("out/mine.txt", Data("keep".utf8))

        var second = try OutputDirectory(claiming: path)
        #expect(second.written == ["report.json"])
        try second.write(Data("2".utf8), as: "report.json")
        #expect(try String(contentsOfFile: "\(path)/report.json", encoding: .utf8) == "2")
        #expect(throws: OutputError.foreignFile("\(path)/mine.txt")) { try second.write(Data(), as: "mine.txt") }
        #expect(try String(contentsOfFile: "\(path)/mine.txt", encoding: .utf8) == "keep")

        try second.removePrevious(["report.json", "mine.txt"])
        #expect(!FileManager.default.fileExists(atPath: "\(path)/report.json"))
        #expect(FileManager.default.fileExists(atPath: "\(path)/mine.txt"), "not pstscope's: never removed")
    }

    @Test func aWriteIsAtomicAndPrivateWhateverTheUmask() throws {
        let old = umask(0)
        defer { umask(old) }
        let path = scratch.path("file.txt")
        try PrivateFiles.write(Data("first".utf8), to: path)
        try PrivateFiles.write(Data("second".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "second")
        #expect(mode(path) == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path) == ["file.txt"], "no temporary left")
    }
}
