import Foundation
import MailModel
import GRDB
import Synchronization

extension AnalyticsStore {
    /// Writes one batch in one transaction: folders, messages (deduplicated by key),
    /// sightings (provenance), recipients, contacts, failures and the batch's metrics.
    /// Items this session already recorded are skipped, so a resumed run never counts twice.
    @discardableResult
    public func write(_ batch: Batch) throws(StoreError) -> BatchOutcome {
        let started = ContinuousClock.now
        return try write { db in
            var outcome = BatchOutcome()
            var folderIDs = try Self.insertFolders(batch.folders, file: batch.sourceFileID, db)
            let inserters = try Inserters(db)
            for message in batch.messages {
                let folderID = try folderIDs[message.folderID]
                    ?? Self.folderID(message.folderID, file: batch.sourceFileID, db)
                folderIDs[message.folderID] = folderID
                switch try Self.record(message, batch: batch, folderID: folderID, inserters: inserters,
                                       contacts: knownContacts, db) {
                case .alreadyRecorded: outcome.alreadyRecorded += 1; continue
                case .new:
                    outcome.new += 1
                    if message.kind == .email { outcome.newEmails += 1 }
                case .duplicate:
                    outcome.duplicates += 1
                }
                if message.kind == .email { outcome.emails += 1 }
            }
            // After the loop: a message is indexed with its recipients.
            if outcome.new > 0 { try SearchIndex.indexIfBehind(db) }
            for failure in batch.failures {
                try Self.insertError(failure, session: batch.sessionID, path: batch.path, isItem: failure.itemFailed, db)
            }
            // A resumed run re-reading what it had already recorded did no work worth measuring.
            if batch.messages.count == outcome.alreadyRecorded && batch.failures.isEmpty { return outcome }
            guard batch.recordsMetrics else { return outcome }
            let batchNumber = try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(batch), 0) + 1 FROM batch_metrics WHERE session_id = ?",
                arguments: [batch.sessionID]) ?? 1
            let writeMilliseconds = (ContinuousClock.now - started).milliseconds
            try db.execute(
                sql: """
                    INSERT INTO batch_metrics (session_id, batch, path, items, emails, read_ms, write_ms, finished_at,
                        rss_kb, cpu_percent, disk_free_mb)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [batch.sessionID, batchNumber, batch.path, batch.messages.count + batch.failures.count,
                            outcome.emails, batch.readMilliseconds, writeMilliseconds, Timestamp.string(Date()),
                            batch.resources?.rssKB, batch.resources?.cpuPercent, batch.resources?.diskFreeMB])
            return outcome
        }
    }

    private enum Sighting { case new, duplicate, alreadyRecorded }

    /// The three inserts each message needs, prepared once per batch.
    private struct Inserters {
        let message: RowInserter
        let recipient: RowInserter
        let sighting: RowInserter

        init(_ db: Database) throws {
            message = try RowInserter(db, sql: """
                INSERT INTO messages (dedup_key, kind, message_class, internet_message_id, in_reply_to, "references",
                    conversation_index, subject, sender_name, sender_email, sent_at, received_at, date, size,
                    attachment_count, first_session_id, first_source_file_id, bulk, date_offset)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (dedup_key) DO NOTHING
                """)
            recipient = try RowInserter(
                db, sql: "INSERT INTO recipients (message_id, position, kind, name, email) VALUES (?, ?, ?, ?, ?)")
            sighting = try RowInserter(db, sql: """
                INSERT INTO sightings (session_id, source_file_id, item_id, message_id, folder_id, kind, is_new)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        }
    }

    private static func record(
        _ message: IncomingMessage, batch: Batch, folderID: Int64, inserters: Inserters, contacts: ContactCache,
        _ db: Database
    ) throws -> Sighting {
        if batch.mayRepeat {
            let seen = try db.cachedStatement(
                sql: "SELECT 1 FROM sightings WHERE session_id = ? AND source_file_id = ? AND item_id = ?")
            if try Int.fetchOne(seen, arguments: [batch.sessionID, batch.sourceFileID, message.itemID]) != nil {
                return .alreadyRecorded
            }
        }
        // Most items are new: try the insert first, and look the original up only when the key
        // is taken (one search of the dedup index instead of two).
        let inserted = try insertMessage(message, batch: batch, inserters: inserters, contacts: contacts, db)
        guard let messageID = try inserted ?? Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM messages WHERE dedup_key = ?"), arguments: [message.dedupKey])
        else { throw DatabaseError(message: "message \(message.dedupKey) is neither new nor stored") }
        try inserters.sighting.run(
            .text(batch.sessionID), .integer(batch.sourceFileID), .integer(message.itemID), .integer(messageID),
            .integer(folderID), .text(message.kind.rawValue), .bool(inserted != nil))
        return inserted != nil ? .new : .duplicate
    }

    /// The new message's id, with its recipients and contacts; nil when its dedup key is taken.
    private static func insertMessage(
        _ message: IncomingMessage, batch: Batch, inserters: Inserters, contacts: ContactCache, _ db: Database
    ) throws -> Int64? {
        try inserters.message.run(
            .text(message.dedupKey), .text(message.kind.rawValue), .text(message.messageClass), .text(message.internetMessageID),
            .text(message.inReplyTo), .text(message.references.isEmpty ? nil : message.references.joined(separator: " ")),
            .blob(message.conversationIndex), .text(message.subject), .text(message.senderName),
            .text(message.senderEmail), .integer(message.sentAt), .integer(message.receivedAt),
            .integer(message.sentAt ?? message.receivedAt), .integer(message.size), .integer(message.attachmentCount),
            .text(batch.sessionID), .integer(batch.sourceFileID), .bool(message.isBulk),
            .integer(message.dateOffset.map { Int64($0.minutes) }))
        guard db.changesCount > 0 else { return nil }
        let id = db.lastInsertedRowID
        for (position, row) in message.recipients.enumerated() {
            try inserters.recipient.run(.integer(id), .integer(position), .text(row.kind.rawValue), .text(row.name), .text(row.email))
        }
        if contacts.isNew(email: message.senderEmail, name: message.senderName) {
            try ensureContact(message.senderEmail, name: message.senderName, session: batch.sessionID, db)
        }
        for row in message.recipients where contacts.isNew(email: row.email, name: row.name) {
            try ensureContact(row.email, name: row.name, session: batch.sessionID, db)
        }
        return id
    }

    /// Creates the contact for a canonical address once, and remembers each display name as an alias.
    /// Exchange DNs wait for the end of their file, when the file's X.500 map can resolve them.
    static func ensureContact(_ email: String?, name: String?, session: String, _ db: Database) throws {
        guard let email, !email.isEmpty, !email.hasPrefix("/o=") else { return }
        try db.cachedStatement(sql: """
            INSERT INTO contacts (email, display_name, created_session_id) VALUES (?, ?, ?)
            ON CONFLICT (email) DO UPDATE SET display_name = COALESCE(display_name, excluded.display_name)
            """).execute(arguments: [email, name, session])
        guard let name, !name.isEmpty, name.lowercased() != email else { return }
        try db.cachedStatement(sql: """
            INSERT OR IGNORE INTO contact_aliases (contact_id, kind, value)
            SELECT id, 'name', ? FROM contacts WHERE email = ?
            """).execute(arguments: [name, email])
    }

    private static func insertFolders(_ folders: [IncomingFolder], file: Int64, _ db: Database) throws -> [UInt32: Int64] {
        var ids: [UInt32: Int64] = [:]
        for folder in folders {
            try db.cachedStatement(sql: """
                INSERT INTO folders (source_file_id, node_id, path, item_count, is_sent_items) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (source_file_id, node_id) DO UPDATE SET
                    path = excluded.path, item_count = excluded.item_count, is_sent_items = excluded.is_sent_items
                """).execute(arguments: [file, folder.nodeID, folder.path, folder.itemCount, folder.isSentItems])
            ids[folder.nodeID] = try folderID(folder.nodeID, file: file, db)
        }
        return ids
    }

    private static func folderID(_ nodeID: UInt32, file: Int64, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT id FROM folders WHERE source_file_id = ? AND node_id = ?"),
            arguments: [file, nodeID]) {
            return id
        }
        // An item whose folder event was not seen (cannot happen with PSTReader's walk order,
        // but the store does not rely on it).
        try db.execute(
            sql: "INSERT INTO folders (source_file_id, node_id, path, item_count, is_sent_items) VALUES (?, ?, '', 0, 0)",
            arguments: [file, nodeID])
        return db.lastInsertedRowID
    }

    static func insertError(_ error: IncomingError, session: String, path: String, isItem: Bool, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO import_errors (session_id, path, item_id, item_index, folder_path, kind, is_item, message, at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [session, path, error.itemID, error.itemIndex, error.folderPath, error.kind,
                                     isItem, error.message, Timestamp.string(Date())])
    }
}

/// The (address, display name) pairs this process has already made contacts and aliases of:
/// most mail is with the same few hundred people, and each pair needs its two statements once.
/// Bounded: forgotten wholesale past `limit` (the statements are idempotent).
final class ContactCache: Sendable {
    private let seen = Mutex<Set<String>>([])
    private let limit: Int

    init(limit: Int = 200_000) {
        self.limit = limit
    }

    func isNew(email: String?, name: String?) -> Bool {
        guard let email else { return false }
        return seen.withLock { seen in
            if seen.count >= limit { seen.removeAll() }
            return seen.insert(email + "\u{1F}" + (name ?? "")).inserted
        }
    }
}

extension Duration {
    public var milliseconds: Double {
        let (seconds, attoseconds) = components
        return Double(seconds) * 1000 + Double(attoseconds) / 1e15
    }

    public var seconds: Double { milliseconds / 1000 }
}
