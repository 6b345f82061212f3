import Foundation
import GRDB
import MailModel
import Synchronization
import Testing
import TestSupport
@testable import Store

/// What happens when a file's read ends (its counts for the console and the log, its owner,
/// dates and item count, the comparison with the custodian's other files) reads that file's
/// rows only, so a run of hundreds of files does not slow down as the store fills.
struct FileEndTests {
    let scratch = Scratch()
    let writes = BatchWriteTests()

    @Test func aFilesEndSearchesOnlyItsOwnSightings() throws {
        let statements = Mutex<[String]>([])
        let store = try AnalyticsStore(path: scratch.path("s.sqlite"), observe: { sql in
            statements.withLock { $0.append(sql) }
        })
        let session = try store.startSession(command: "test", custodian: nil, jobs: 1)
        var ids: [String: Int64] = [:]
        for (name, count) in [("big", 300), ("small", 3)] {
            let path = "/data/\(name).pst"
            try store.addFiles([path], to: session)
            guard case .read(let id, _) = try store.beginFile(path, facts: writes.facts(name), session: session) else {
                Issue.record("\(name) not read")
                return
            }
            ids[name] = id
            let messages = (1...count).map { writes.message(UInt32($0), key: "\(name)-\($0)") }
            try store.write(Batch(sessionID: session, path: path, sourceFileID: id, messages: messages))
        }

        statements.withLock { $0.removeAll() }
        let small = try #require(ids["small"])
        #expect(try store.sentItemsOwner(of: small) == nil)
        try store.finishFile("/data/small.pst", session: session, sourceFileID: small, status: .imported, error: nil,
                             custodian: "Ann", owner: nil, x500: [:], readMilliseconds: 1)
        let entry = try #require(try store.fileEntry("/data/small.pst", session: session))
        #expect(entry.emails == 3 && entry.newEmails == 3)
        let observed = statements.withLock { $0 }

        // The comparison with the custodian's files reads the count kept with each file.
        statements.withLock { $0.removeAll() }
        #expect(try store.fileVolumes(custodian: "Ann").map(\.messages) == [3])
        #expect(statements.withLock { $0 }.allSatisfy { !$0.contains("sightings") })

        // Each statement's plan: where it reads sightings, it searches them by this file.
        var searches: [String] = []
        try store.pool.read { db in
            for sql in observed where sql.contains("sightings") && !sql.hasPrefix("UPDATE session_files") {
                let plan = try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }
                searches += plan.filter { $0.contains(" sightings") || $0.contains(" s ") || $0.hasPrefix("SCAN s") }
            }
        }
        #expect(!searches.isEmpty, "\(observed)")
        #expect(searches.allSatisfy { $0.hasPrefix("SEARCH") && $0.contains("source_file_id=?") }, "\(searches)")
    }

    /// A store from before v7 gets each file's count from its sightings when it is opened.
    @Test func anOlderStoreGetsItsFileCounts() throws {
        let path = scratch.path("old.sqlite")
        do {
            let store = try AnalyticsStore(path: path)
            let (session, file) = try writes.begin(store)
            try store.write(Batch(sessionID: session, path: "/data/a.pst", sourceFileID: file, messages: [
                writes.message(1, key: "a"), writes.message(2, key: "b"), writes.message(3, key: "a", folder: 2)]))
            // As v6 left it: no count column, v7 not applied.
            try store.pool.write { db in
                try db.execute(sql: """
                    ALTER TABLE source_files DROP COLUMN messages;
                    DELETE FROM grdb_migrations WHERE identifier = 'v7 file message counts';
                    """)
            }
        }
        let store = try AnalyticsStore(path: path)
        let counts = try store.pool.read { try Int.fetchAll($0, sql: "SELECT messages FROM source_files") }
        #expect(counts == [3], "three items read, one of them a duplicate of another")
    }
}
