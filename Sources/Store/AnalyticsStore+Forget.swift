import Foundation
import GRDB
import MailModel

/// What forgetting a session takes from the store: its own rows, and the mail that no other
/// session sighted.
public struct SessionFootprint: Sendable, Equatable {
    /// Messages only this session sighted; with their recipients.
    public var messages = 0
    public var recipients = 0
    /// Every sighting the session made, of its own messages and of others'.
    public var sightings = 0
    /// Contacts no remaining message names.
    public var contacts = 0
    /// Source files no other session read; with their folders.
    public var sourceFiles = 0
    public var folders = 0
    public var files = 0
    public var errors = 0
    public var batchMetrics = 0
    public var alerts = 0
}

extension AnalyticsStore {
    /// What `forgetSession` would remove, without removing it.
    public func footprint(ofSession id: String) throws(StoreError) -> SessionFootprint {
        try read { db in
            try Self.requireSession(id, db)
            return try Self.footprint(id, db)
        }
    }

    /// Removes a session as if it had never run, in one transaction: its sightings, files,
    /// errors, metrics and alerts; the messages, recipients, source files and folders no other
    /// session has; and the contacts and name aliases no remaining message names. A message it
    /// shares with later sessions becomes new in the first of them. Refused while the session
    /// runs. The analyses are then out of date: recompute them.
    @discardableResult
    public func forgetSession(_ id: String) throws(StoreError) -> SessionFootprint {
        try write { db in
            let session = try Self.requireSession(id, db)
            if session.status == .running, try SessionLock.isHeld(store: path, slot: session.rowid) {
                throw session.runningError
            }
            let footprint = try Self.footprint(id, db)
            try Self.removeMail(of: id, db)
            try Self.removeSessionRows(id, db)
            try Self.removeUnnamedContacts(db)
            return footprint
        }
    }

    @discardableResult
    private static func requireSession(_ id: String, _ db: Database) throws -> ImportSessionRow {
        guard let session = try ImportSessionRow.filter(ImportSessionRow.Columns.id == id).fetchOne(db) else {
            throw StoreError.unknownSession(id)
        }
        return session
    }

    /// Messages sighted by this session and by no other.
    private static let ownMessages = """
        SELECT DISTINCT s.message_id FROM sightings s WHERE s.session_id = ?1
          AND NOT EXISTS (SELECT 1 FROM sightings o WHERE o.message_id = s.message_id AND o.session_id != ?1)
        """

    /// Source files read by this session and by no other.
    private static let ownSourceFiles = """
        SELECT DISTINCT f.source_file_id FROM session_files f WHERE f.session_id = ?1 AND f.source_file_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM session_files o WHERE o.source_file_id = f.source_file_id AND o.session_id != ?1)
        """

    private static func footprint(_ id: String, _ db: Database) throws -> SessionFootprint {
        let arguments: StatementArguments = [id]
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
        var footprint = SessionFootprint()
        footprint.messages = try count("SELECT COUNT(*) FROM (\(ownMessages))")
        footprint.recipients = try count("SELECT COUNT(*) FROM recipients WHERE message_id IN (\(ownMessages))")
        footprint.sightings = try count("SELECT COUNT(*) FROM sightings WHERE session_id = ?1")
        footprint.sourceFiles = try count("SELECT COUNT(*) FROM (\(ownSourceFiles))")
        footprint.folders = try count("SELECT COUNT(*) FROM folders WHERE source_file_id IN (\(ownSourceFiles))")
        footprint.files = try count("SELECT COUNT(*) FROM session_files WHERE session_id = ?1")
        footprint.errors = try count("SELECT COUNT(*) FROM import_errors WHERE session_id = ?1")
        footprint.batchMetrics = try count("SELECT COUNT(*) FROM batch_metrics WHERE session_id = ?1")
        footprint.alerts = try count("SELECT COUNT(*) FROM alerts WHERE session_id = ?1")
        // Contacts that only the session's own messages name.
        footprint.contacts = try count("""
            SELECT COUNT(*) FROM contacts c WHERE NOT EXISTS (
                SELECT 1 FROM messages m WHERE m.sender_email = c.email AND m.id NOT IN (\(ownMessages))
                UNION ALL
                SELECT 1 FROM recipients r WHERE r.email = c.email AND r.message_id NOT IN (\(ownMessages)))
            """)
        return footprint
    }

    /// The session's sightings and its own messages go; a message it saw first but another
    /// session also saw is new, from then on, where that session saw it first.
    private static func removeMail(of id: String, _ db: Database) throws {
        let arguments: StatementArguments = [id]
        try db.execute(sql: "CREATE TEMP TABLE forgotten_messages AS \(ownMessages)", arguments: arguments)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.forgotten_messages") }
        let forgotten = "SELECT message_id FROM temp.forgotten_messages"
        try db.execute(sql: "DELETE FROM reply_pairs WHERE reply_id IN (\(forgotten)) OR parent_id IN (\(forgotten))")
        try db.execute(sql: "DELETE FROM recipients WHERE message_id IN (\(forgotten))")
        try db.execute(sql: "DELETE FROM sightings WHERE session_id = ?", arguments: arguments)
        try db.execute(sql: "DELETE FROM messages WHERE id IN (\(forgotten))")
        // The first remaining sighting of each, by session start, then file order, then item id.
        let firsts = try FirstSighting.fetchAll(db, sql: """
            SELECT message_id, session_id, source_file_id, item_id FROM (
                SELECT s.message_id, s.session_id, s.source_file_id, s.item_id, ROW_NUMBER() OVER (
                    PARTITION BY s.message_id ORDER BY i.start_time, i.id, f.position, s.item_id) AS n
                FROM sightings s JOIN import_sessions i ON i.id = s.session_id
                LEFT JOIN session_files f ON f.session_id = s.session_id AND f.source_file_id = s.source_file_id
                WHERE s.message_id IN (SELECT id FROM messages WHERE first_session_id = ?1))
            WHERE n = 1
            """, arguments: arguments)
        for first in firsts {
            try db.execute(sql: "UPDATE messages SET first_session_id = ?, first_source_file_id = ? WHERE id = ?",
                           arguments: [first.sessionID, first.sourceFileID, first.messageID])
            try db.execute(sql: "UPDATE sightings SET is_new = 1 WHERE session_id = ? AND source_file_id = ? AND item_id = ?",
                           arguments: [first.sessionID, first.sourceFileID, first.itemID])
        }
    }

    private static func removeSessionRows(_ id: String, _ db: Database) throws {
        let arguments: StatementArguments = [id]
        try db.execute(sql: "CREATE TEMP TABLE forgotten_files AS \(ownSourceFiles)", arguments: arguments)
        defer { try? db.execute(sql: "DROP TABLE IF EXISTS temp.forgotten_files") }
        let files = "SELECT source_file_id FROM temp.forgotten_files"
        for table in ["import_errors", "batch_metrics", "alerts", "session_files"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE session_id = ?", arguments: arguments)
        }
        for statement in ["DELETE FROM file_coverage WHERE source_file_id IN (\(files))",
                          "DELETE FROM folders WHERE source_file_id IN (\(files))",
                          "DELETE FROM source_files WHERE id IN (\(files))"] {
            try db.execute(sql: statement)
        }
        // Contacts the session created that remaining mail still names now date from the
        // earliest session whose messages name them.
        try db.execute(sql: """
            UPDATE contacts SET created_session_id = COALESCE((
                SELECT m.first_session_id FROM messages m JOIN import_sessions i ON i.id = m.first_session_id
                WHERE m.sender_email = contacts.email
                   OR m.id IN (SELECT message_id FROM recipients WHERE email = contacts.email)
                ORDER BY i.start_time, i.id LIMIT 1), created_session_id)
            WHERE created_session_id = ?1
            """, arguments: arguments)
        try db.execute(sql: "DELETE FROM import_sessions WHERE id = ?1", arguments: arguments)
    }

    /// Contacts and name aliases that no message names any more.
    private static func removeUnnamedContacts(_ db: Database) throws {
        try db.execute(sql: """
            DELETE FROM contact_aliases WHERE kind = 'name' AND NOT EXISTS (
                SELECT 1 FROM contacts c WHERE c.id = contact_aliases.contact_id AND (
                    EXISTS (SELECT 1 FROM messages m WHERE m.sender_email = c.email AND m.sender_name = contact_aliases.value)
                    OR EXISTS (SELECT 1 FROM recipients r WHERE r.email = c.email AND r.name = contact_aliases.value)));
            CREATE TEMP TABLE unnamed_contacts AS SELECT id FROM contacts c
            WHERE NOT EXISTS (SELECT 1 FROM messages m WHERE m.sender_email = c.email)
              AND NOT EXISTS (SELECT 1 FROM recipients r WHERE r.email = c.email);
            DELETE FROM contact_aliases WHERE contact_id IN (SELECT id FROM temp.unnamed_contacts);
            DELETE FROM contacts WHERE id IN (SELECT id FROM temp.unnamed_contacts);
            DROP TABLE temp.unnamed_contacts;
            """)
    }
}

/// A message's first sighting among those that remain.
private struct FirstSighting: Decodable, FetchableRecord {
    var messageID: Int64
    var sessionID: String
    var sourceFileID: Int64
    var itemID: Int64

    enum CodingKeys: String, CodingKey {
        case messageID = "message_id", sessionID = "session_id", sourceFileID = "source_file_id", itemID = "item_id"
    }
}
