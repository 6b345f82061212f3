import Foundation
import Testing
import TestSupport
@testable import PSTReader

/// Files that are not readable PSTs fail to open with a precise, one-line reason.
struct OpenErrorTests {
    let scratch = Scratch()

    func openError(_ path: String) -> PSTOpenError? {
        do {
            _ = try PSTFile(path: path)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingFile() {
        #expect(openError(scratch.path("nope.pst")) == .notFound)
    }

    @Test func directory() throws {
        #expect(openError(scratch.url.path) == .isDirectory)
    }

    @Test func zeroByteFile() throws {
        #expect(openError(try scratch.file("empty.pst", Data())) == .empty)
    }

    @Test func textFileNamedPST() throws {
        let path = try scratch.file("notes.pst", Data(String(repeating: "not a mailbox\n", count: 100).utf8))
        let error = try #require(openError(path))
        #expect(error == .notPST)
        #expect(error.description == "not a PST or OST file (no !BDN signature)")
    }

    @Test func shorterThanAHeader() throws {
        #expect(openError(try scratch.file("short.pst", Data([0x21, 0x42, 0x44, 0x4E, 0, 0]))) == .notPST)
    }

    @Test func unknownVersion() throws {
        var header = [UInt8](repeating: 0, count: 512)
        header[0..<4] = [0x21, 0x42, 0x44, 0x4E]
        header[0x0A] = 99
        #expect(openError(try scratch.file("future.pst", Data(header))) == .unsupportedVersion(99))
    }

    @Test(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
    func truncatedFileSaysSo() throws {
        let source = try #require(SampleCorpus.entry(containing: "tika__testPST.pst")).path
        let path = try scratch.truncated(source, to: 64 * 1024, as: "cut.pst")
        // Debian's libpff opens what is left; libpff 20260926 refuses it. Either way the sizes are told.
        let file: PSTFile
        do {
            file = try PSTFile(path: path)
        } catch {
            guard case .truncated(let declaredSize, let size, let cause) = error else { throw error }
            #expect(declaredSize == 2_302_976 && size == 65536 && !cause.isEmpty)
            #expect(error.kind == .truncatedFile)
            return
        }
        #expect(file.info.isTruncated)
        #expect(file.info.truncation == "truncated: the header declares 2302976 bytes, the file has 65536")
    }

    @Test(.enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
    func corruptHeaderChecksum() throws {
        let entry = try #require(SampleCorpus.entry(containing: "AddingBulkMessages"))
        let error = try #require(openError(entry.path))
        #expect(error.description.hasPrefix("corrupt PST: mismatch in file header checksum"))
        #expect(!error.description.contains("\n"))
    }
}
