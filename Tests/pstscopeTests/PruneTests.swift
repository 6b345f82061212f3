import Foundation
import GRDB
import Testing
import TestSupport

/// `pstscope prune`: forgetting a session leaves the store one in which it never ran, and
/// retention takes only the operational rows of old sessions.
@Suite(.serialized)
struct PruneTests {
    static let samples = SampleCorpus.packageRoot.appendingPathComponent("samples")
    static func sample(_ name: String) -> String { samples.appendingPathComponent(name).path }

    /// Every mail table, and the analyses' results, keyed by what identifies a row rather than
    /// by row ids, sessions by their order of start. Timings, hosts and computation stamps are
    /// left out: they differ between any two runs.
    static func content(_ path: String) throws -> [String: [String]] {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        return try queue.read { db in
            let sessions = try String.fetchAll(db, sql: "SELECT id FROM import_sessions ORDER BY start_time, id")
            let ordinal = Dictionary(uniqueKeysWithValues: sessions.enumerated().map { ($1, "S\($0)") })
            let queries: [String: String] = [
                "messages": """
                    SELECT m.dedup_key, m.kind, m.message_class, m.internet_message_id, m.in_reply_to, m."references",
                           hex(m.conversation_index), m.subject, m.sender_name, m.sender_email, m.sent_at, m.received_at,
                           m.date, m.size, m.attachment_count, m.first_session_id, f.path
                    FROM messages m JOIN source_files f ON f.id = m.first_source_file_id
                    """,
                "recipients": """
                    SELECT m.dedup_key, r.position, r.kind, r.name, r.email FROM recipients r JOIN messages m ON m.id = r.message_id
                    """,
                "sightings": """
                    SELECT s.session_id, f.path, s.item_id, m.dedup_key, d.path, s.kind, s.is_new FROM sightings s
                    JOIN source_files f ON f.id = s.source_file_id JOIN messages m ON m.id = s.message_id
                    JOIN folders d ON d.id = s.folder_id
                    """,
                "contacts": "SELECT email, display_name, created_session_id FROM contacts",
                "contact_aliases": """
                    SELECT c.email, a.kind, a.value FROM contact_aliases a JOIN contacts c ON c.id = a.contact_id
                    """,
                "source_files": "SELECT fingerprint, path, size, custodian, first_date, last_date, messages FROM source_files",
                "folders": "SELECT f.path, d.node_id, d.path, d.item_count, d.is_sent_items FROM folders d JOIN source_files f ON f.id = d.source_file_id",
                "session_files": "SELECT session_id, position, path, status, custodian, error FROM session_files",
                "import_errors": "SELECT session_id, path, item_id, kind, is_item, message FROM import_errors",
                "timeline_entities": """
                    SELECT custodian, contact_email, first_day, last_day, messages, undated, expected_messages,
                           missing_messages, completeness_score, gap_count, worst_severity FROM timeline_entities
                    """,
                "timeline_gaps": """
                    SELECT e.custodian, e.contact_email, g.start_day, g.end_day, g.business_days, g.expected_messages,
                           g.probability, g.severity, g.context, g.evidence, g.recommendation
                    FROM timeline_gaps g JOIN timeline_entities e ON e.id = g.entity_id
                    """,
                "sender_profiles": """
                    SELECT custodian, email, name, classification, confidence_score, total_emails, avg_emails_per_month,
                           importance_score, pagerank FROM sender_profiles
                    """,
                "network_edges": "SELECT source, target, weight, messages FROM network_edges",
            ]
            var content: [String: [String]] = [:]
            for (table, sql) in queries {
                content[table] = try Row.fetchAll(db, sql: sql).map { row in
                    row.databaseValues.map { value in
                        let text = value.description
                        return ordinal[String.fromDatabaseValue(value) ?? ""] ?? text
                    }.joined(separator: "|")
                }.sorted()
            }
            return content
        }
    }

    static func importing(_ files: [String], into store: String) throws {
        let result = try Pstscope.run(["import", "--store", store, "--jobs", "1"] + files)
        try #require(result.status == 0, "import failed: \(result.stderr)")
    }

    static func sessionIDs(_ store: String) throws -> [String] {
        try DatabaseQueue(path: store).read { db in
            try String.fetchAll(db, sql: "SELECT id FROM import_sessions ORDER BY start_time, id")
        }
    }

    /// Compares table by table, so that a failure names the table and its first differing rows.
    static func expectEqual(_ a: [String: [String]], _ b: [String: [String]]) {
        #expect(a.keys.sorted() == b.keys.sorted())
        for table in a.keys.sorted() {
            let left = a[table] ?? [], right = b[table] ?? []
            let differences = Array(Set(left).symmetricDifference(Set(right))).sorted().prefix(4)
            #expect(left == right, "\(table): \(left.count) rows against \(right.count); first differences: \(differences)")
        }
    }

    @Test func forgettingTheSecondSessionLeavesTheFirstAsIfAlone() throws {
        let scratch = Scratch()
        let both = scratch.path("both.sqlite"), alone = scratch.path("alone.sqlite")
        try Self.importing([Self.sample("gappy.pst")], into: both)
        try Self.importing([Self.sample("multi-1.pst"), Self.sample("multi-2.pst")], into: both)
        try Self.importing([Self.sample("gappy.pst")], into: alone)
        let second = try Self.sessionIDs(both)[1]
        let before = try Self.content(both)

        // Off a terminal, without --yes: exit 1, one error line, nothing changed.
        let refused = try Pstscope.run(["prune", "--store", both, "--session", second])
        #expect(refused.status == 1)
        #expect(refused.errorLines.count == 1 && refused.errorLines[0].contains("--yes"))
        #expect(refused.stdout.contains("messages no other session has"))
        Self.expectEqual(try Self.content(both), before)
        // A dry run says the same and changes nothing either.
        let dry = try Pstscope.run(["prune", "--store", both, "--session", second, "--dry-run"])
        #expect(dry.status == 0 && dry.stdout.contains("would remove"))
        Self.expectEqual(try Self.content(both), before)

        let size = try #require(try FileManager.default.attributesOfItem(atPath: both)[.size] as? Int)
        let pruned = try Pstscope.run(["prune", "--store", both, "--session", second, "--yes"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        // The freed pages went back to the file system, and the line says how much.
        let after = try #require(try FileManager.default.attributesOfItem(atPath: both)[.size] as? Int)
        let reclaimed = try #require(pruned.stdout.split(separator: "\n").last { $0.hasPrefix("Reclaimed") })
        #expect(after < size && reclaimed.contains("(\(size - after) bytes)"))
        #expect(try Self.sessionIDs(both).count == 1)
        Self.expectEqual(try Self.content(both), try Self.content(alone))
    }

    /// The first of two sessions that share messages: what only it had goes, and each shared
    /// message becomes new where the other session saw it, as if that session had run alone.
    @Test func forgettingTheFirstSessionResettlesSharedMessages() throws {
        let scratch = Scratch()
        let both = scratch.path("both.sqlite"), alone = scratch.path("alone.sqlite")
        try Self.importing([Self.sample("multi-1.pst")], into: both)
        try Self.importing([Self.sample("multi-2.pst")], into: both)
        try Self.importing([Self.sample("multi-2.pst")], into: alone)
        let first = try Self.sessionIDs(both)[0]
        // The two files share messages, or this would test nothing.
        let shared = try DatabaseQueue(path: both).read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sightings WHERE is_new = 0")
        }
        try #require((shared ?? 0) > 0)
        let pruned = try Pstscope.run(["prune", "--store", both, "--session", first, "--yes"])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        Self.expectEqual(try Self.content(both), try Self.content(alone))
    }

    @Test func unknownSessionIsOneErrorLine() throws {
        let scratch = Scratch()
        let store = scratch.path("s.sqlite")
        try Self.importing([Self.sample("multi-3.pst")], into: store)
        let result = try Pstscope.run(["prune", "--store", store, "--session", "import_nope", "--yes"])
        #expect(result.status == 1 && result.errorLines.count == 1 && result.errorLines[0].contains("import_nope"))
    }
}
