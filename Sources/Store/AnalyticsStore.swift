import Foundation
import GRDB
import OwnedFiles

/// The SQLite analytics store: one file, WAL journal, versioned schema.
/// Safe to share between import workers: GRDB serialises the writes.
public final class AnalyticsStore: Sendable {
    public let path: String
    let pool: DatabasePool
    let knownContacts = ContactCache()
    let sessionLocks = SessionLocks()

    /// Opens (creating when needed) the store at `path` and brings its schema up to date.
    public convenience init(path: String) throws(StoreError) {
        try self.init(path: path, observe: nil)
    }

    /// `observe` is handed each statement run, its values filled in (for tests of what a step reads).
    init(path: String, observe: (@Sendable (String) -> Void)?) throws(StoreError) {
        self.path = path
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw .directoryMissing(directory)
        }
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.prepareDatabase { db in
            // WAL (set by DatabasePool) with NORMAL sync: a crash loses at most the last
            // batch, never the store's consistency.
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer gets 32 MB of page cache (SQLite's default is 2 MB): a million messages'
            // indexes take inserts at random places, and each miss is a read from the file. Readers
            // keep the default: they mostly scan, the system's file cache serves their lookups, and
            // each open reader would otherwise hold its own 32 MB.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -32768")
                // A batch touches index pages all over the file; checkpointing after every 4 MB of
                // WAL (SQLite's default) wrote the same pages back again and again, each time with
                // an fsync. Up to 256 MB of WAL between checkpoints: importing a million messages
                // took 167 s → 127 s, memory unchanged.
                try db.execute(sql: "PRAGMA wal_autocheckpoint = 65536")
                // Pages that pruning frees can go back to the file system without rewriting the
                // whole store; SQLite takes this only before the first table exists.
                if try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") == 0 {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                }
            }
            try db.execute(sql: "PRAGMA foreign_keys = ON")
            if let observe {
                db.trace { event in
                    if case .statement(let statement) = event { observe(statement.expandedSQL) }
                }
            }
        }
        pool = try SessionLock.whileSettingUp(store: path) { () throws(StoreError) in
            try Self.refuseNewerSchema(path)
            try Self.createPrivately(path)
            do {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Schema.migrator.migrate(pool)
                // An import that died while it had them out left the store without them.
                try pool.write { db in try AnalysisIndexes.create(db) }
                return pool
            } catch let error as DatabaseError {
                throw StoreError(error, path: path)
            } catch {
                throw .other(String(describing: error))
            }
        }
    }

    /// Opens an existing store for reading only, as `serve` does: nothing is created, migrated
    /// or written, and imports in other processes go on writing beside it (WAL).
    public init(readingOnly path: String) throws(StoreError) {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else { throw .other("no such store") }
        try Self.refuseNewerSchema(path)
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(5)
        let pool = try Self.storeErrors(path) { try DatabasePool(path: path, configuration: configuration) }
        // Only a writer applies migrations: an older store is brought up to date by any other command.
        let current = try Self.storeErrors(path) { try pool.read { db in try Schema.migrator.hasCompletedMigrations(db) } }
        guard current else {
            throw .other("written by an older pstscope: run `pstscope analyze --store \(path)` once to bring it up to date")
        }
        self.pool = pool
    }

    /// A store with migrations this binary does not know came from a newer pstscope: it is
    /// refused before anything is written to it (opening a pool would set its journal mode,
    /// and migrating would run on a schema this code does not understand).
    static func refuseNewerSchema(_ path: String) throws(StoreError) {
        guard let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
              size.intValue > 0 else { return }
        let applied = try storeErrors(path) {
            let queue = try DatabaseQueue(path: path, configuration: readOnly)
            defer { try? queue.close() }
            return try queue.read { db in try Schema.migrator.appliedIdentifiers(db).sorted() }
        }
        let known = Schema.migrator.migrations
        if let unknown = applied.last(where: { !known.contains($0) }) {
            let storeVersion = max(applied.count, known.count + 1)
            throw .newerSchema(store: "\(storeVersion) (\(unknown))", known: "\(known.count) (\(known.last ?? ""))")
        }
    }

    /// A new store is created here, owner-only, before SQLite opens it: SQLite would create it
    /// with the umask's mode, and its -wal and -shm files take the mode of the store.
    private static func createPrivately(_ path: String) throws(StoreError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, PrivateFiles.fileMode)
        if descriptor < 0 {
            if errno == EEXIST { return }
            throw errno == ENOSPC ? .diskFull : .permissionDenied
        }
        fchmod(descriptor, PrivateFiles.fileMode)
        close(descriptor)
    }

    /// Runs `body` in one write transaction.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.storeErrors(path) { try pool.write(body) }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        try Self.storeErrors(path) { try pool.read(body) }
    }

    /// Runs `body` on the store at `path`, its failures as one StoreError each: SQLite's
    /// explained, a StoreError as it is.
    static func storeErrors<T>(_ path: String, _ body: () throws -> T) throws(StoreError) -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(error, path: path)
        } catch let error as StoreError {
            throw error
        } catch {
            throw .other(String(describing: error))
        }
    }
}

/// Why the store could not be used. Each text is one line.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case directoryMissing(String)
    case notAStore
    case permissionDenied
    case diskFull
    case unknownSession(String)
    /// Migrations this binary does not know: the store's schema version, and this binary's.
    case newerSchema(store: String, known: String)
    /// Another process runs the session (it holds the session's lock).
    case sessionRunning(id: String, pid: Int, host: String)
    case other(String)

    init(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .notAStore
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_READONLY, .SQLITE_AUTH: self = .permissionDenied
        case .SQLITE_FULL: self = .diskFull
        default: self = .other(error.message ?? "\(error.resultCode)")
        }
    }

    public var description: String {
        switch self {
        case .directoryMissing(let directory): "directory \(directory) does not exist"
        case .notAStore: "not a pstscope store (not an SQLite database, or damaged)"
        case .permissionDenied: "cannot open or write the store (permission denied or read-only)"
        case .diskFull: "the disk is full: the last batch was not written and the store is unchanged"
        case .unknownSession(let id): "no import session \(id)"
        case .sessionRunning(let id, let pid, let host):
            "session \(id) is running in process \(pid) on \(host): wait for it to end, or stop it and resume"
        case .newerSchema(let store, let known):
            "written by a newer pstscope: its schema is version \(store), this pstscope knows up to version \(known); "
                + "upgrade pstscope to use it (the store was not changed)"
        case .other(let message): message
        }
    }
}
