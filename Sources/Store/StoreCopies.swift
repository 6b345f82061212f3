import Foundation
import GRDB
import MailModel
import OwnedFiles

/// The rows of the mail tables, as a copy is checked against the store it came from.
public struct MailTableCounts: Sendable, Equatable, CustomStringConvertible {
    public var sessions = 0
    public var messages = 0
    public var recipients = 0
    public var sightings = 0
    public var contacts = 0

    static func read(_ db: Database) throws -> MailTableCounts {
        func count(_ table: String) throws -> Int { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
        return MailTableCounts(sessions: try count("import_sessions"), messages: try count("messages"),
                               recipients: try count("recipients"), sightings: try count("sightings"),
                               contacts: try count("contacts"))
    }

    public var description: String {
        "\(sessions) sessions, \(messages) messages, \(recipients) recipients, \(sightings) sightings, \(contacts) contacts"
    }
}

extension AnalyticsStore {
    /// Copies the store to the new file `destination` (owner-only) through SQLite's online
    /// backup, inside one read transaction: the copy is the store as it stood at one instant,
    /// whole batches only, even while an import writes. Returns the mail tables' counts at that
    /// instant. A failed copy leaves no file behind.
    public func backup(to destination: String) throws(StoreError) -> MailTableCounts {
        let descriptor = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
        guard descriptor >= 0 else {
            throw .other("cannot create \(destination): \(String(cString: strerror(errno)))")
        }
        fchmod(descriptor, PrivateFiles.fileMode)
        close(descriptor)
        var finished = false
        defer {
            if !finished { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(destination + suffix) } }
        }
        let counts = try read { db in
            let counts = try MailTableCounts.read(db)
            let copy = try DatabaseQueue(path: destination)
            try copy.writeWithoutTransaction { target in
                try db.backup(to: target)
                // The copy takes the store's WAL mode with its pages; one file is what a backup should be.
                try target.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            try copy.close()
            return counts
        }
        finished = true
        return counts
    }

    /// Checks a store file that nothing has open, without changing it: SQLite's integrity
    /// check, and that this pstscope knows every migration it has. Returns its mail tables' counts.
    public static func check(copy path: String) throws(StoreError) -> MailTableCounts {
        try refuseNewerSchema(path)
        return try storeErrors(path) {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            defer { try? queue.close() }
            return try queue.read { db in
                let result = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                guard result == ["ok"] else {
                    throw StoreError.other("\(path) fails SQLite's integrity check: \(result.prefix(3).joined(separator: "; "))")
                }
                guard try db.tableExists("import_sessions") else { throw StoreError.notAStore }
                return try MailTableCounts.read(db)
            }
        }
    }
}

extension AnalyticsStore {
    /// The error that names a session running on the store at `path` (its lock held by a live
    /// process), or nil. Reads without writing, and without creating a missing store.
    public static func runningSession(at path: String) throws(StoreError) -> StoreError? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let running = try storeErrors(path) {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            defer { try? queue.close() }
            return try queue.read { db in
                try db.tableExists("import_sessions")
                    ? try ImportSessionRow.filter(ImportSessionRow.Columns.status == SessionStatus.running).fetchAll(db) : []
            }
        }
        for session in running where try SessionLock.isHeld(store: path, slot: session.rowid) {
            return session.runningError
        }
        return nil
    }

    /// Writes what the WAL of the store at `path` holds back into the store file, so that the
    /// file alone is the whole store.
    public static func checkpoint(_ path: String) throws(StoreError) {
        try storeErrors(path) {
            let queue = try DatabaseQueue(path: path)
            defer { try? queue.close() }
            try queue.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
        }
    }
}

extension AnalyticsStore {
    /// For looking at a store file without changing it.
    static var readOnly: Configuration {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(30)
        return configuration
    }
}
