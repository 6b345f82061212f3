import Foundation
import GRDB
import Testing
import TestSupport

/// Retention: the operational rows of sessions that ended long ago go, at an import's end or
/// with `prune`; sessions, file outcomes and mail stay. Sessions are aged by moving their end
/// time back in the test store.
@Suite(.serialized)
struct RetentionTests {
    /// A real file with unreadable items, so that item-level errors exist to be pruned.
    static let damaged = SampleCorpus.entry(containing: "Test_part1")?.path

    struct Counts: Equatable {
        var batchMetrics = 0, alerts = 0, itemErrors = 0, fileErrors = 0
        /// The protected rows, all of them.
        var protected: [Int] = []
        var itemsFailedPerFile: [String] = []
    }

    static func counts(_ store: String, session: String) throws -> Counts {
        try DatabaseQueue(path: store).read { db in
            func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
                try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0
            }
            var counts = Counts()
            counts.batchMetrics = try count("SELECT COUNT(*) FROM batch_metrics WHERE session_id = ?", [session])
            counts.alerts = try count("SELECT COUNT(*) FROM alerts WHERE session_id = ?", [session])
            counts.itemErrors = try count("SELECT COUNT(*) FROM import_errors WHERE session_id = ? AND is_item = 1", [session])
            counts.fileErrors = try count("SELECT COUNT(*) FROM import_errors WHERE session_id = ? AND is_item = 0", [session])
            counts.protected = try ["import_sessions", "session_files", "source_files", "messages", "recipients",
                                    "sightings", "contacts", "contact_aliases", "folders"].map { try count("SELECT COUNT(*) FROM \($0)") }
            return counts
        }
    }

    static func age(_ session: String, days: Int, in store: String) throws {
        let end = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-Double(days) * 86_400))
        try DatabaseQueue(path: store).write { db in
            try db.execute(sql: "UPDATE import_sessions SET end_time = ? WHERE id = ?", arguments: [end, session])
        }
    }

    /// The per-file failed-item counts `session ID --format json` prints.
    static func itemsFailed(_ store: String, session: String) throws -> [Int] {
        let result = try Pstscope.run(["session", session, "--store", store, "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return (document?["files"] as? [[String: Any]] ?? []).compactMap { $0["items_failed"] as? Int }
    }

    @Test func oldSessionsLoseTheirOperationalRowsOnly() throws {
        let scratch = Scratch()
        let store = scratch.path("s.sqlite")
        let first = [PruneTests.sample("gappy.pst")] + (Self.damaged.map { [$0] } ?? [])
        _ = try Pstscope.run(["import", "--store", store, "--jobs", "1"] + first)
        try PruneTests.importing([PruneTests.sample("multi-3.pst")], into: store)
        let (old, recent) = try { let ids = try PruneTests.sessionIDs(store); return (ids[0], ids[1]) }()
        try Self.age(old, days: 100, in: store)
        let before = try Self.counts(store, session: old), recentBefore = try Self.counts(store, session: recent)
        let failedBefore = try Self.itemsFailed(store, session: old)
        try #require(before.batchMetrics > 0 && before.alerts > 0)
        if Self.damaged != nil { try #require(before.itemErrors > 0 && failedBefore.contains { $0 > 0 }) }

        // A dry run counts and changes nothing.
        let dry = try Pstscope.run(["prune", "--store", store, "--older-than", "90d", "--dry-run"])
        #expect(dry.status == 0)
        #expect(dry.stdout.contains("would remove \(before.batchMetrics) batch metric"))
        #expect(dry.stdout.contains("\(before.alerts) alert") && dry.stdout.contains("\(before.itemErrors) item error"))
        #expect(try Self.counts(store, session: old) == before)
        // 100 days is not over 120: nothing goes.
        _ = try Pstscope.run(["prune", "--store", store, "--older-than", "120"])
        #expect(try Self.counts(store, session: old) == before)

        let pruned = try Pstscope.run(["prune", "--store", store, "--older-than", "90d"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        let after = try Self.counts(store, session: old)
        #expect(after.batchMetrics == 0 && after.alerts == 0 && after.itemErrors == 0)
        // File-level errors, the mail and the audit trail stay; so does each file's failed-item count.
        #expect(after.fileErrors == before.fileErrors && after.protected == before.protected)
        #expect(try Self.itemsFailed(store, session: old) == failedBefore)
        // The recent session keeps everything.
        #expect(try Self.counts(store, session: recent) == recentBefore)
        #expect(pruned.stdout.contains("Reclaimed"))
    }

    @Test func eachImportEndsWithRetentionUnlessItIsZero() throws {
        let scratch = Scratch()
        let store = scratch.path("s.sqlite")
        try PruneTests.importing([PruneTests.sample("multi-3.pst")], into: store)
        let old = try PruneTests.sessionIDs(store)[0]
        try Self.age(old, days: 91, in: store)
        let before = try Self.counts(store, session: old)
        try #require(before.batchMetrics > 0)

        // [retention] days = 0 keeps everything.
        let config = try scratch.file("keep.toml", Data("[retention]\ndays = 0\n".utf8))
        let kept = try Pstscope.run(["import", "--store", store, "--config", config, PruneTests.sample("multi-2.pst")])
        #expect(kept.status == 0 && !kept.stdout.contains("Retention"))
        #expect(try Self.counts(store, session: old).batchMetrics == before.batchMetrics)

        // The default, 90 days: the next import removes them and says so in one line.
        let swept = try Pstscope.run(["import", "--store", store, PruneTests.sample("multi-1.pst")])
        #expect(swept.status == 0, "\(swept.stderr)")
        let lines = swept.stdout.split(separator: "\n").filter { $0.hasPrefix("Retention (90 days): removed") }
        #expect(lines.count == 1 && lines[0].contains("\(before.batchMetrics) batch metric"))
        #expect(try Self.counts(store, session: old).batchMetrics == 0)

        let zero = try Pstscope.run(["prune", "--store", store, "--older-than", "0"])
        #expect(zero.status == 0 && zero.stdout.contains("everything is kept"))
    }

    @Test func badRetentionSettingsAreOneErrorLine() throws {
        let scratch = Scratch()
        let config = try scratch.file("bad.toml", Data("[retention]\ndays = -1\n".utf8))
        let result = try Pstscope.run(["prune", "--store", scratch.path("s.sqlite"), "--config", config])
        #expect(result.status == 1 && result.errorLines.count == 1 && result.errorLines[0].contains("retention.days"))
        let option = try Pstscope.run(["prune", "--store", scratch.path("s.sqlite"), "--older-than", "soon"])
        #expect(option.status == 1 && option.errorLines.count == 1)
    }
}
