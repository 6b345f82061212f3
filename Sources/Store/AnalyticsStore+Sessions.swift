import Foundation
import GRDB
import MailModel

/// One input of a session and how far it got: a row of `session_files`, in part.
public struct SessionFile: Decodable, FetchableRecord, Sendable, Equatable {
    public var path: String
    public var status: FileStatus
    public var sourceFileID: Int64?

    enum CodingKeys: String, CodingKey {
        case path, status, sourceFileID = "source_file_id"
    }
}

/// The facts about a session that a run needs to continue it: a row of `import_sessions`, in part.
public struct SessionHeader: Decodable, FetchableRecord, Sendable, Equatable {
    public var id: String
    public var status: SessionStatus
    public var custodian: String?
    public var startTime: String

    enum CodingKeys: String, CodingKey {
        case id, status, custodian, startTime = "start_time"
    }
}

extension AnalyticsStore {
    /// Starts a session named `import_YYYYMMDD_HHMMSS` (UTC), with a suffix if that name is taken.
    public func startSession(command: String, custodian: String?, jobs: Int, now: Date = Date()) throws(StoreError) -> String {
        try write { db in
            let base = "import_" + Self.compactStamp(now)
            var id = base
            var suffix = 2
            while try Bool.fetchOne(db, sql: "SELECT 1 FROM import_sessions WHERE id = ?", arguments: [id]) == true {
                id = "\(base)_\(suffix)"
                suffix += 1
            }
            try db.execute(
                sql: """
                    INSERT INTO import_sessions (id, start_time, status, pid, host, command, custodian, jobs)
                    VALUES (?, ?, 'running', ?, ?, ?, ?, ?)
                    """,
                arguments: [id, Timestamp.string(now), ProcessInfo.processInfo.processIdentifier,
                            ProcessInfo.processInfo.hostName, command, custodian, jobs])
            // A new row's byte is free: only a dead session could have held it, and rows are never reused.
            guard let lock = try SessionLock.acquire(store: path, slot: db.lastInsertedRowID) else {
                throw StoreError.other("the lock of new session \(id) is held by another process")
            }
            sessionLocks.hold(lock, for: id)
            return id
        }
    }

    /// Marks as interrupted every running session of this host whose lock nobody holds (its
    /// process was killed, crashed, or the machine went down). Its process id may name another
    /// process by now: only the lock tells.
    public func markInterruptedSessions() throws(StoreError) {
        let host = ProcessInfo.processInfo.hostName
        try write { db in
            // Another machine's runs: their locks are that machine's to see.
            let running = try ImportSessionRow.filter(ImportSessionRow.Columns.status == SessionStatus.running)
                .filter(ImportSessionRow.Columns.host == host).fetchAll(db)
            for session in running where try !SessionLock.isHeld(store: path, slot: session.rowid) {
                try db.execute(sql: "UPDATE import_sessions SET status = 'interrupted' WHERE id = ?",
                               arguments: [session.id])
            }
        }
    }

    /// The most recent interrupted session, if any.
    public func latestInterruptedSession() throws(StoreError) -> SessionHeader? {
        try read { db in
            try SessionHeader.fetchOne(db, sql: """
                SELECT id, status, custodian, start_time FROM import_sessions
                WHERE status = 'interrupted' ORDER BY start_time DESC, id DESC LIMIT 1
                """)
        }
    }

    /// The most recent session that another process on this host is running, as the error
    /// that says so (call after `markInterruptedSessions`, which settles who is running).
    public func latestRunningSession() throws(StoreError) -> StoreError? {
        try read { db in
            try ImportSessionRow.filter(ImportSessionRow.Columns.status == SessionStatus.running)
                .filter(ImportSessionRow.Columns.host == ProcessInfo.processInfo.hostName)
                .order(ImportSessionRow.Columns.startTime.desc, ImportSessionRow.Columns.id.desc)
                .fetchOne(db)?.runningError
        }
    }

    public func session(_ id: String) throws(StoreError) -> SessionHeader {
        let header = try read { db in
            try SessionHeader.fetchOne(
                db, sql: "SELECT id, status, custodian, start_time FROM import_sessions WHERE id = ?", arguments: [id])
        }
        guard let header else { throw .unknownSession(id) }
        return header
    }

    /// Takes an interrupted session over for this process. Of two runs resuming it at once, the
    /// second finds it running (the write transactions take turns) and is told by whom.
    public func resumeSession(_ id: String, jobs: Int) throws(StoreError) {
        try write { db in
            guard let session = try ImportSessionRow.filter(ImportSessionRow.Columns.id == id).fetchOne(db)
            else { throw StoreError.unknownSession(id) }
            guard session.status != .running,
                  let lock = try SessionLock.acquire(store: path, slot: session.rowid) else { throw session.runningError }
            sessionLocks.hold(lock, for: id)
            try db.execute(sql: """
                UPDATE import_sessions SET status = 'running', pid = ?, host = ?, jobs = ?, resumes = resumes + 1,
                    end_time = NULL
                WHERE id = ?
                """, arguments: [ProcessInfo.processInfo.processIdentifier, ProcessInfo.processInfo.hostName, jobs, id])
        }
    }

    /// Completes a session: resolves Exchange DNs with every X.500 map the store has learnt
    /// (re-keying, and merging, messages whose header key named them), gives the DNs nothing
    /// resolves a contact of their own, and marks the session completed.
    /// Done once, after all workers, so that the result does not depend on file order or `--jobs`.
    public func finishSession(_ id: String, now: Date = Date()) throws(StoreError) {
        try write { db in
            let known = try X500Address.fetchAll(db, sql: """
                SELECT dn, smtp FROM x500_addresses
                WHERE dn IN (SELECT sender_email FROM messages WHERE sender_email LIKE '/o=%'
                             UNION SELECT email FROM recipients WHERE email LIKE '/o=%'
                             UNION SELECT email FROM contacts WHERE email LIKE '/o=%')
                """)
            var headerKeyed: [Int64] = []
            for address in known {
                headerKeyed += try Self.headerKeyedMessages(naming: address.dn, db)
                try Self.resolve(distinguishedName: address.dn, to: address.smtp, session: id, db)
            }
            try Self.rekey(headerKeyed, db)
            try Self.settleFirstCopies(session: id, db)
            for sql in [
                """
                INSERT OR IGNORE INTO contacts (email, display_name, created_session_id)
                SELECT m.sender_email, MAX(m.sender_name), ? FROM sightings s JOIN messages m ON m.id = s.message_id
                WHERE s.session_id = ? AND s.is_new = 1 AND m.sender_email LIKE '/o=%' GROUP BY m.sender_email
                """,
                """
                INSERT OR IGNORE INTO contacts (email, display_name, created_session_id)
                SELECT r.email, MAX(r.name), ? FROM sightings s JOIN recipients r ON r.message_id = s.message_id
                WHERE s.session_id = ? AND s.is_new = 1 AND r.email LIKE '/o=%' GROUP BY r.email
                """,
            ] {
                try db.execute(sql: sql, arguments: [id, id])
            }
            // What a failed or stopped file stored is indexed too.
            try SearchIndex.indexNewMessages(db)
            try AnalysisIndexes.create(db)
            try db.execute(sql: "UPDATE import_sessions SET status = 'completed', end_time = ? WHERE id = ?",
                           arguments: [Timestamp.string(now), id])
        }
        sessionLocks.release(id)
    }

    /// Marks the session interrupted by this process (e.g. on Ctrl-C), so it can be resumed.
    public func interruptSession(_ id: String) throws(StoreError) {
        try write { db in
            try SearchIndex.indexNewMessages(db)
            try AnalysisIndexes.create(db)
            try db.execute(sql: "UPDATE import_sessions SET status = 'interrupted' WHERE id = ?", arguments: [id])
        }
        sessionLocks.release(id)
    }

    /// Adds inputs to a session, in order; paths it already has keep their state.
    public func addFiles(_ paths: [String], to session: String) throws(StoreError) {
        try write { db in
            var position = try Int.fetchOne(
                db, sql: "SELECT COALESCE(MAX(position), -1) + 1 FROM session_files WHERE session_id = ?",
                arguments: [session]) ?? 0
            for path in paths {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO session_files (session_id, position, path, status) VALUES (?, ?, ?, 'pending')
                    """, arguments: [session, position, path])
                position += db.changesCount
            }
        }
    }

    public func files(of session: String) throws(StoreError) -> [SessionFile] {
        try read { db in
            try SessionFile.fetchAll(db, sql: """
                SELECT path, status, source_file_id FROM session_files WHERE session_id = ? ORDER BY position
                """, arguments: [session])
        }
    }

    /// Records the file's facts and marks it being read. Errors of an earlier, interrupted
    /// read of the same file in this session are dropped: the file is read again in full.
    /// Returns the source file's id, or the path of the input in this session that has the
    /// same content (the file is then skipped).
    public func beginFile(_ path: String, facts: SourceFileFacts, session: String) throws(StoreError) -> BeginFile {
        try write { db in
            try db.execute(sql: """
                INSERT INTO source_files (fingerprint, path, size, format, content_type, encryption, display_name)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (fingerprint) DO NOTHING
                """, arguments: [facts.fingerprint, facts.path, facts.size, facts.format, facts.contentType,
                                 facts.encryption, facts.displayName])
            let id = try Int64.fetchOne(db, sql: "SELECT id FROM source_files WHERE fingerprint = ?",
                                        arguments: [facts.fingerprint])!
            if let twin = try String.fetchOne(db, sql: """
                SELECT path FROM session_files WHERE session_id = ? AND source_file_id = ? AND path != ?
                """, arguments: [session, id, path]) {
                try db.execute(sql: """
                    UPDATE session_files SET status = 'skipped', source_file_id = ?, error = ?, finished_at = ?
                    WHERE session_id = ? AND path = ?
                    """, arguments: [id, "same content as \(twin)", Timestamp.string(Date()), session, path])
                return .sameContent(as: twin)
            }
            // Where it was last read from: a skipped copy (which the importer may yet find to hold
            // other bytes, and begin again under another fingerprint) leaves the source file as it was.
            try db.execute(sql: "UPDATE source_files SET path = ?, display_name = ? WHERE id = ?",
                           arguments: [facts.path, facts.displayName, id])
            try db.execute(sql: "DELETE FROM import_errors WHERE session_id = ? AND path = ?", arguments: [session, path])
            try db.execute(sql: """
                UPDATE session_files SET status = 'reading', source_file_id = ?, started_at = ?, error = NULL
                WHERE session_id = ? AND path = ?
                """, arguments: [id, Timestamp.string(Date()), session, path])
            let readBefore = try Bool.fetchOne(db, sql: """
                SELECT EXISTS (SELECT 1 FROM sightings WHERE session_id = ? AND source_file_id = ?)
                """, arguments: [session, id]) ?? true
            return .read(sourceFileID: id, readBefore: readBefore)
        }
    }

    public enum BeginFile: Sendable, Equatable {
        /// `readBefore`: an interrupted run of this session already recorded some of its items.
        case read(sourceFileID: Int64, readBefore: Bool)
        case sameContent(as: String)
    }

    /// Records that a file could not be imported at all.
    public func failFile(_ path: String, session: String, error: IncomingError) throws(StoreError) {
        try write { db in
            try db.execute(sql: "DELETE FROM import_errors WHERE session_id = ? AND path = ?", arguments: [session, path])
            try Self.insertError(error, session: session, path: path, isItem: false, db)
            try db.execute(sql: """
                UPDATE session_files SET status = 'failed', error = ?, finished_at = ? WHERE session_id = ? AND path = ?
                """, arguments: [error.message, Timestamp.string(Date()), session, path])
        }
    }

    /// The address that sent most of this file's Sent Items: the mailbox owner.
    public func sentItemsOwner(of sourceFileID: Int64) throws(StoreError) -> String? {
        try read { db in
            try String.fetchOne(db, sql: """
                SELECT m.sender_email FROM sightings s
                JOIN folders f ON f.id = s.folder_id
                JOIN messages m ON m.id = s.message_id
                WHERE s.source_file_id = ? AND f.is_sent_items = 1 AND m.sender_email IS NOT NULL
                GROUP BY m.sender_email ORDER BY COUNT(*) DESC, m.sender_email LIMIT 1
                """, arguments: [sourceFileID])
        }
    }

    /// Closes a file's read: keeps the file's X.500 map for the end of the session, records
    /// custodian, owner, date range and item count, and sets the final status.
    public func finishFile(
        _ path: String, session: String, sourceFileID: Int64, status: FileStatus, error: String?,
        custodian: String, owner: String?, x500: [String: String], readMilliseconds: Double
    ) throws(StoreError) {
        try write { db in
            try SearchIndex.indexNewMessages(db)
            for (dn, smtp) in x500 {
                try db.execute(sql: "INSERT OR REPLACE INTO x500_addresses (dn, smtp) VALUES (?, ?)",
                               arguments: [dn.lowercased(), smtp.lowercased()])
            }
            try db.execute(sql: """
                UPDATE source_files SET custodian = ?, owner_email = ?,
                    (first_date, last_date, messages) = (SELECT MIN(m.date), MAX(m.date), COUNT(DISTINCT s.item_id)
                                                         FROM sightings s JOIN messages m ON m.id = s.message_id
                                                         WHERE s.source_file_id = source_files.id)
                WHERE id = ?
                """, arguments: [custodian, owner, sourceFileID])
            try db.execute(sql: """
                UPDATE session_files SET status = ?, error = ?, custodian = ?, finished_at = ?, read_ms = ?
                WHERE session_id = ? AND path = ?
                """, arguments: [status, error, custodian, Timestamp.string(Date()), readMilliseconds, session, path])
        }
    }

    /// Rewrites one Exchange DN to its SMTP address everywhere. Its contact, if it had one,
    /// becomes (or merges into) the SMTP contact, keeping the session that first created it;
    /// the DN stays as an alias.
    private static func resolve(distinguishedName dn: String, to smtp: String, session: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE messages SET sender_email = ? WHERE sender_email = ?", arguments: [smtp, dn])
        var rewritten = db.changesCount
        try db.execute(sql: "UPDATE recipients SET email = ? WHERE email = ?", arguments: [smtp, dn])
        rewritten += db.changesCount
        let old = try Int64.fetchOne(db, sql: "SELECT id FROM contacts WHERE email = ?", arguments: [dn])
        let current = try Int64.fetchOne(db, sql: "SELECT id FROM contacts WHERE email = ?", arguments: [smtp])
        switch (old, current) {
        case let (old?, current?):
            try db.execute(sql: "UPDATE OR IGNORE contact_aliases SET contact_id = ? WHERE contact_id = ?",
                           arguments: [current, old])
            try db.execute(sql: "DELETE FROM contact_aliases WHERE contact_id = ?", arguments: [old])
            try db.execute(sql: "DELETE FROM contacts WHERE id = ?", arguments: [old])
        case let (old?, nil):
            try db.execute(sql: "UPDATE contacts SET email = ? WHERE id = ?", arguments: [smtp, old])
        case (nil, _):
            guard rewritten > 0 else { return }
            try ensureContact(smtp, name: nil, session: session, db)
        }
        try db.execute(sql: """
            INSERT OR IGNORE INTO contact_aliases (contact_id, kind, value)
            SELECT id, 'address', ? FROM contacts WHERE email = ?
            """, arguments: [dn, smtp])
    }

    private static func compactStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d_%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
