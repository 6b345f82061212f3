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
        importing path: String, cause: String, causeIsPrefix: Bool = false, prefix: [String] = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let before = try importGoodSample(prefix: prefix)
        let result = try Pstscope.run(["import", path, "--store", store], prefix: prefix)
        #expect(result.status == 2, "exit code", sourceLocation: sourceLocation)
        let matches = { (text: String?, expected: String) in
            causeIsPrefix ? text?.hasPrefix(expected) == true : text == expected
        }
        #expect(result.errorLines.count == 1 && matches(result.errorLines.first, "pstscope: error: \(path): \(cause)"),
                "\(result.errorLines)", sourceLocation: sourceLocation)
        #expect(!result.stderr.contains("Fatal error") && !result.stderr.contains("backtrace"),
                sourceLocation: sourceLocation)
        #expect(try messageCount() == before, "nothing already imported is lost", sourceLocation: sourceLocation)
        let sessions = try Pstscope.run(["sessions", "--store", store, "--format", "json"], prefix: prefix)
        let list = try JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [[String: Any]]
        #expect(list?.count == 2, sourceLocation: sourceLocation)
        #expect(list?.last?["successful_imports"] as? Int == before, sourceLocation: sourceLocation)
        let failed = (list?.first?["files"] as? [[String: Any]])?.first
        #expect(failed?["status"] as? String == "failed", sourceLocation: sourceLocation)
        #expect(matches(failed?["error"] as? String, cause), sourceLocation: sourceLocation)
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
        // What libpff then says depends on its version: Debian's finds no root folder in
        // what is left, 20260926 cannot read an index node of the missing part.
        let cause = "truncated: the header declares 2302976 bytes, the file has 65536; corrupt PST: "
        try expectOneClearError(importing: path, cause: cause, causeIsPrefix: true)
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

/// A store whose disk fills up: the run stops with one clear line, what it wrote stays
/// consistent, and `--resume` on a disk with room finishes with nothing lost.
@Suite(.enabled(if: SmallDisk.canMount, "needs root (or user namespaces) to mount a small tmpfs: skipped"))
struct FullDiskTests {
    let scratch = Scratch()

    @Test func aFullDiskStopsTheRunCleanlyAndResumeLosesNothing() throws {
        let sample = SampleCorpus.packageRoot.appendingPathComponent("samples/steady.pst").path
        let disk = scratch.path("disk")
        let kept = scratch.path("kept")
        try FileManager.default.createDirectory(atPath: disk, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: kept, withIntermediateDirectories: true)
        // pstscope runs on a 1.5 MB disk of its own; afterwards its store files are copied out
        // (the disk goes away with the mount namespace).
        let script = "mount -t tmpfs -o size=1500k tmpfs \"$DISK\" || exit 99; \"$@\"; status=$?; "
            + "cp \"$DISK\"/store.sqlite* \"$KEPT\"/; exit $status"
        let store = "\(disk)/store.sqlite"
        let full = try Pstscope.run(
            ["import", sample, "--store", store, "--batch-size", "200", "--jobs", "1"],
            prefix: ["/usr/bin/unshare", "-m", "/bin/sh", "-c", script, "sh"],
            environment: ["DISK": disk, "KEPT": kept])
        #expect(full.status == 1, "\(full.stderr)")
        #expect(full.errorLines == [
            "pstscope: error: store: the disk is full: the last batch was not written and the store is unchanged; "
                + "free some space, then continue with: pstscope import --resume --store \(store)"])
        #expect(!full.stderr.contains("Fatal error"))

        // What was written is a consistent, interrupted session with part of the mail.
        let copy = "\(kept)/store.sqlite"
        let sessions = try Pstscope.run(["sessions", "--store", copy, "--format", "json"])
        let before = try #require(try JSONSerialization.jsonObject(with: Data(sessions.stdout.utf8)) as? [[String: Any]])
        #expect(before.first?["status"] as? String == "interrupted")
        let partial = before.first?["successful_imports"] as? Int ?? -1
        let integrity = try DatabaseQueue(path: copy).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(integrity == "ok")

        // Resumed with room, it ends as an import that never ran out of space.
        let resumed = try Pstscope.run(["import", "--resume", "--store", copy, "--format", "json"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        let reference = try Pstscope.run(["import", sample, "--store", scratch.path("reference.sqlite"), "--format", "json"])
        let record = { (result: CommandResult) throws -> [String: Any] in
            try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        }
        let expected = try record(reference)["successful_imports"] as? Int ?? -1
        #expect(partial > 0 && partial < expected, "the disk filled part way: \(partial) of \(expected)")
        #expect(try record(resumed)["successful_imports"] as? Int == expected)
        let counts = { (path: String) throws -> [Int] in
            try DatabaseQueue(path: path).read { db in
                try ["messages", "recipients", "sightings", "contacts"].map {
                    try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1
                }
            }
        }
        #expect(try counts(copy) == counts(scratch.path("reference.sqlite")))
    }
}

enum SmallDisk {
    /// Whether this process may mount a tmpfs in a mount namespace of its own.
    static let canMount: Bool = {
        guard let result = try? ExternalTools.run("/usr/bin/unshare", ["-m", "/bin/sh", "-c",
                                                   "mount -t tmpfs -o size=64k tmpfs /mnt && umount /mnt"])
        else { return false }
        return result.0 == 0
    }()
}
