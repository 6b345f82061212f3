import Foundation
import GRDB
import MailModel

/// What retention takes from sessions that ended long ago: their operational rows (per-batch
/// metrics, alerts and item-level errors), which grow with every batch and item. The sessions,
/// their per-file outcomes and the mail itself stay: they are the audit trail and the data.
public struct RetentionSweep: Sendable, Equatable {
    /// Sessions that had rows to remove.
    public var sessions = 0
    public var batchMetrics = 0
    public var alerts = 0
    public var itemErrors = 0

    public var isEmpty: Bool { batchMetrics + alerts + itemErrors == 0 }
}

extension AnalyticsStore {
    /// Removes (or, with `dryRun`, only counts) the operational rows of every session that
    /// ended before `cutoff`. Running and interrupted sessions have not ended and keep theirs.
    /// Each file's count of failed items is kept with the file before its item errors go.
    public func sweepOperationalRows(endedBefore cutoff: Date, dryRun: Bool) throws(StoreError) -> RetentionSweep {
        let expired = "SELECT id FROM import_sessions WHERE end_time IS NOT NULL AND end_time < ?1"
        let body = { (db: Database) throws -> RetentionSweep in
            let arguments: StatementArguments = [Timestamp.string(cutoff)]
            func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
            var sweep = RetentionSweep()
            sweep.batchMetrics = try count("SELECT COUNT(*) FROM batch_metrics WHERE session_id IN (\(expired))")
            sweep.alerts = try count("SELECT COUNT(*) FROM alerts WHERE session_id IN (\(expired))")
            sweep.itemErrors = try count("SELECT COUNT(*) FROM import_errors WHERE is_item = 1 AND session_id IN (\(expired))")
            sweep.sessions = try count("""
                SELECT COUNT(*) FROM (\(expired)) s
                WHERE EXISTS (SELECT 1 FROM batch_metrics WHERE session_id = s.id)
                   OR EXISTS (SELECT 1 FROM alerts WHERE session_id = s.id)
                   OR EXISTS (SELECT 1 FROM import_errors WHERE session_id = s.id AND is_item = 1)
                """)
            guard !dryRun, !sweep.isEmpty else { return sweep }
            try db.execute(sql: """
                UPDATE session_files SET items_failed = (
                    SELECT COUNT(*) FROM import_errors e
                    WHERE e.session_id = session_files.session_id AND e.path = session_files.path AND e.is_item = 1)
                WHERE items_failed IS NULL AND session_id IN (\(expired))
                """, arguments: arguments)
            try db.execute(sql: "DELETE FROM batch_metrics WHERE session_id IN (\(expired))", arguments: arguments)
            try db.execute(sql: "DELETE FROM alerts WHERE session_id IN (\(expired))", arguments: arguments)
            try db.execute(sql: "DELETE FROM import_errors WHERE is_item = 1 AND session_id IN (\(expired))",
                           arguments: arguments)
            return sweep
        }
        return dryRun ? try read(body) : try write(body)
    }

    /// Returns the store's free pages to the file system and says how many bytes the file
    /// shrank by. A store made before incremental vacuum was turned on is rebuilt once (a full
    /// VACUUM, which needs free disk space about the store's size) and has it from then on.
    public func reclaimFreeSpace() throws(StoreError) -> Int64 {
        let before = Self.fileSize(path)
        try Self.storeErrors(path) {
            try pool.writeWithoutTransaction { db in
                if try Int.fetchOne(db, sql: "PRAGMA auto_vacuum") != Self.incrementalVacuum {
                    try db.execute(sql: "PRAGMA auto_vacuum = INCREMENTAL")
                    try db.execute(sql: "VACUUM")
                } else {
                    try db.execute(sql: "PRAGMA incremental_vacuum")
                }
                // The pages leave the file only once the WAL is written back into it.
                try db.checkpoint(.truncate)
            }
        }
        return before - Self.fileSize(path)
    }

    /// PRAGMA auto_vacuum's value for INCREMENTAL.
    static let incrementalVacuum = 2

    static func fileSize(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
