import Foundation
import GRDB
import Testing
import TestSupport

/// `pstscope backup` and `pstscope restore`: consistent copies, checked before they are used,
/// and nothing of the store lost on the way.
@Suite(.serialized)
struct BackupTests {
    static func mode(_ path: String) throws -> Int {
        try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    static func counts(_ store: String) throws -> [Int] {
        try DatabaseQueue(path: store, configuration: { var c = Configuration(); c.readonly = true; return c }()).read { db in
            try ["import_sessions", "messages", "recipients", "sightings", "contacts", "source_files"].map {
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? 0
            }
        }
    }

    @Test(arguments: [false, true])
    func backupAndRestoreGiveTheSameStore(compressed: Bool) throws {
        let scratch = Scratch()
        let store = scratch.path("s.sqlite"), backup = scratch.path(compressed ? "b.zst" : "b.sqlite")
        try PruneTests.importing([PruneTests.sample("multi-1.pst"), PruneTests.sample("multi-2.pst")], into: store)
        let original = try PruneTests.content(store)
        let made = try Pstscope.run(["backup", "--store", store, backup] + (compressed ? ["--compress"] : []))
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("integrity ok"))
        #expect(try Self.mode(backup) == 0o600)
        // Exactly one file: no -wal, -shm or partial file beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).sorted()
                == ["b.\(compressed ? "zst" : "sqlite")", "s.sqlite", "s.sqlite.lock"].sorted())
        let head = [UInt8](try Data(contentsOf: URL(fileURLWithPath: backup)).prefix(16))
        if compressed {
            #expect(head.prefix(4) == [0x28, 0xB5, 0x2F, 0xFD])             // a Zstandard frame
            let size = try FileManager.default.attributesOfItem(atPath: backup)[.size] as? Int ?? 0
            let storeSize = try FileManager.default.attributesOfItem(atPath: store)[.size] as? Int ?? 0
            #expect(size * 3 < storeSize)
        } else {
            #expect(Array(head) == Array("SQLite format 3\0".utf8))
        }
        // Never over an existing file.
        let before = try Data(contentsOf: URL(fileURLWithPath: backup))
        let again = try Pstscope.run(["backup", "--store", store, backup])
        #expect(again.status == 1 && again.errorLines.count == 1)
        #expect(try Data(contentsOf: URL(fileURLWithPath: backup)) == before)

        // The store changes, then the backup comes back; the changed store is kept beside it.
        try PruneTests.importing([PruneTests.sample("multi-3.pst")], into: store)
        let changed = try PruneTests.content(store)
        let restored = try Pstscope.run(["restore", "--store", store, backup])
        #expect(restored.status == 0, "\(restored.stderr)")
        PruneTests.expectEqual(try PruneTests.content(store), original)
        let kept = try #require(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path)
            .first { $0.hasPrefix("s.sqlite.before-restore-") })
        PruneTests.expectEqual(try PruneTests.content(scratch.path(kept)), changed)
        #expect(try Self.mode(store) == 0o600)
    }

    @Test func aDamagedOrForeignBackupIsRefusedAndTheStoreStays() throws {
        let scratch = Scratch()
        let store = scratch.path("s.sqlite"), backup = scratch.path("b.zst")
        try PruneTests.importing([PruneTests.sample("multi-3.pst")], into: store)
        #expect(try Pstscope.run(["backup", "--store", store, "--compress", backup]).status == 0)
        let original = try PruneTests.content(store)
        let whole = try Data(contentsOf: URL(fileURLWithPath: backup))
        let plain = scratch.path("plain.sqlite")
        #expect(try Pstscope.run(["backup", "--store", store, plain]).status == 0)
        // A newer pstscope's backup: a migration this one does not know.
        let newer = scratch.path("newer.sqlite")
        try FileManager.default.copyItem(atPath: plain, toPath: newer)
        try DatabaseQueue(path: newer).write { try $0.execute(sql: "INSERT INTO grdb_migrations VALUES ('v99 future')") }
        let cases: [(String, Data)] = [
            ("cut.zst", whole.prefix(whole.count / 2)),
            ("garbage.sqlite", Data(repeating: 0x41, count: 8192)),
            ("empty", Data()),
            ("torn.sqlite", try Data(contentsOf: URL(fileURLWithPath: plain)).prefix(20_000)),
            ("newer.sqlite", try Data(contentsOf: URL(fileURLWithPath: newer))),
        ]
        for (name, data) in cases {
            let path = try scratch.file("bad/\(name)", data)
            let result = try Pstscope.run(["restore", "--store", store, path])
            #expect(result.status == 1 && result.errorLines.count == 1, "\(name): \(result.stderr)")
            PruneTests.expectEqual(try PruneTests.content(store), original)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).allSatisfy {
            !$0.contains("restoring") && !$0.contains("before-restore")
        })
    }

    /// A backup taken while an import writes is a committed state (whole batches), restores, and
    /// resumes to the counts of an uninterrupted import; a restore over the running store is refused.
    @Test func backupWhileImportingResumesToTheSameCounts() throws {
        let scratch = Scratch()
        let pst = scratch.path("large.pst")
        #expect(try Pstscope.run(["synth", "--scenario", "large", "--messages", "20000", "--out", pst]).status == 0)
        let store = scratch.path("live.sqlite"), backup = scratch.path("mid.zst")
        // One worker reading a message a millisecond: the import runs for some 20 s.
        let slow = ["PSTSCOPE_WORKER_FAULT": "slow:1", "PSTSCOPE_WORKER_FAULT_FILE": "large"]
        let running = try Pstscope.launch(["import", "--store", store, "--jobs", "1", "--batch-size", "500", "--quiet", pst],
                                          environment: slow, stderr: URL(fileURLWithPath: scratch.path("import.err")))
        let deadline = Date().addingTimeInterval(120)
        func batches() -> Int {
            (try? DatabaseQueue(path: store, configuration: { var c = Configuration(); c.readonly = true; return c }())
                .read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM batch_metrics") ?? 0 }) ?? 0
        }
        while batches() < 3 && Date() < deadline { Thread.sleep(forTimeInterval: 0.2) }
        let made = try Pstscope.run(["backup", "--store", store, "--compress", backup])
        let refused = try Pstscope.run(["restore", "--store", store, backup])
        let stillRunning = running.isRunning
        running.waitUntilExit()
        #expect(made.status == 0, "\(made.stderr)")
        #expect(stillRunning, "the import ended before the backup: the test proves nothing")
        #expect(refused.status == 1 && refused.errorLines.first?.contains("is running") == true, "\(refused.stderr)")
        #expect(running.terminationStatus == 0)

        let copy = scratch.path("copy.sqlite")
        #expect(try Pstscope.run(["restore", "--store", copy, backup]).status == 0)
        // Whole batches: every sighting belongs to a batch whose metrics row was committed with it.
        let partial = try DatabaseQueue(path: copy).read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sightings") ?? 0,
             try Int.fetchOne(db, sql: "SELECT SUM(items) FROM batch_metrics") ?? 0,
             try String.fetchOne(db, sql: "SELECT status FROM import_sessions") ?? "")
        }
        #expect(partial.0 > 0 && partial.0 == partial.1 && partial.0 < 20_000)
        #expect(partial.2 == "running")
        let resumed = try Pstscope.run(["import", "--resume", "--store", copy, "--quiet"])
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(try Self.counts(copy) == Self.counts(store))
    }
}
