import Foundation
import GRDB
import Testing
import TestSupport

/// Each kind of bad input gets one clear line naming the file and the cause, no crash, and
/// loses nothing that an earlier session imported.
@Suite(
    .enabled(if: SampleCorpus.isAvailable, Comment(rawValue: SampleCorpus.missingMessage)))
struct BadInputTests {
    let scratch = Scratch()
    var store: String { scratch.path("store.sqlite") }
    var goodSample: String { SampleCorpus.entry(containing: "tika__testPST.pst")!.path }

    /// Imports a good sample first; returns the store's message count after it.
    func importGoodSample(prefix: [String] = []) throws -> Int {
        let result = try Pstscope.run(["import", goodSample, "--store", store], prefix: prefix)
        #expect(result.status == 0, "\(result.stderr)")
        return try messageCount()
    }

    func messageCount() throws -> Int {
        try DatabaseQueue(path: store).read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM messages") ?? 0 }
    }

    /// Runs the import of `path`, then checks the one error line, the exit code and the store.
    func expectOneClearError(
        importing path: String, cause: String, prefix: [String] = [], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try importGoodSample(prefix: prefix)
        let result = try Pstscope.run(["import", path, "--store", store], prefix: prefix)
        #expect(result.status == 2, "exit code", sourceLocation: sourceLocation)
        #expect(result.errorLines == ["pstscope: error: \(path): \(cause)"], sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("backtrace"),
                sourceLocation: sourceLocation)
        #expect(try messageCount() == before, "nothing already imported is lost", sourceLocation: sourceLocation)
        let sessions = try Pstscope.run(["sessions", "--store", store, "--format", "json"], prefix: prefix)
        let list = try JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [[String: Any]]
        #expect(list?.count == 2, sourceLocation: sourceLocation)
        #expect(list?.last?["successful_imports"] as? Int == before, sourceLocation: sourceLocation)
        let failed = (list?.first?["files"] as? [[String: Any]])?.first
        #expect(failed?["status"] as? String == "failed", sourceLocation: sourceLocation)
        #expect(failed?["error"] as? String == cause, sourceLocation: sourceLocation)
    }

    @Test func missingPath() throws {
        try expectOneClearError(importing: scratch.path("no-such.pst"), cause: "no such file or directory")
    }

    @Test func directoryWithoutPSTs() throws {
        let directory = scratch.path("just-text")
        try scratch.file("just-text/readme.txt", Data("hello".utf8))
        try expectOneClearError(importing: directory, cause: "no .pst or .ost files in this directory")
    }

    @Test func zeroByteFile() throws {
        try expectOneClearError(importing: try scratch.file("empty.pst", Data()), cause: "empty file (0 bytes)")
    }

    @Test func textFileNamedPST() throws {
        let path = try scratch.file("letter.pst", Data("Dear auditor,\nthis is not a mailbox.\n".utf8))
        try expectOneClearError(importing: path, cause: "not a PST or OST file (no !BDN signature)")
    }

    @Test func truncatedTo64KiB() throws {
        let path = try scratch.truncated(goodSample, to: 64 * 1024, as: "cut.pst")
        try expectOneClearError(
            importing: path,
            cause: "truncated: the header declares 2302976 bytes, the file has 65536; "
                + "corrupt PST: the file has no root folder")
    }

    @Test func fileWithoutReadPermission() throws {
        let path = try scratch.file("locked.pst", try Data(contentsOf: URL(fileURLWithPath: goodSample)))
        chmod(path, 0o000)
        // root reads any file, so as root the run drops to an unprivileged user.
        let prefix = getuid() == 0 ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] : []
        try expectOneClearError(importing: path, cause: "permission denied", prefix: prefix)
    }

    @Test func storeInMissingDirectory() throws {
        let before = try importGoodSample()
        let missing = scratch.path("no/such/dir/store.sqlite")
        let result = try Pstscope.run(["import", goodSample, "--store", missing])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: cannot open store \(missing): directory \(scratch.path("no/such/dir")) does not exist"])
        #expect(!FileManager.default.fileExists(atPath: scratch.path("no")))
        #expect(try messageCount() == before)
    }

    @Test func storeThatIsNotADatabase() throws {
        let path = try scratch.file("notes.sqlite", Data(String(repeating: "plain text ", count: 500).utf8))
        let result = try Pstscope.run(["sessions", "--store", path])
        #expect(result.status == 1)
        #expect(result.errorLines == ["pstscope: error: cannot open store \(path): not a pstscope store (not an SQLite database, or damaged)"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)).count == 5500, "the file is left as it was")
    }

    @Test func oneBadFileAmongGoodOnesDoesNotStopTheRun() throws {
        let bad = try scratch.file("bad.pst", Data("nope".utf8))
        let result = try Pstscope.run(["import", bad, goodSample, "--store", store, "--format", "json"])
        #expect(result.status == 2)
        let report = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let files = report?["files"] as? [[String: Any]] ?? []
        #expect(files.map { $0["status"] as? String } == ["failed", "imported"])
        #expect(report?["successful_imports"] as? Int == 7)
    }
}
