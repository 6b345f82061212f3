import Foundation
import GRDB
import MailModel

/// A running import as the live panel shows it, from what the importer writes as it goes:
/// its files, its batches (items, time, memory) and its alerts.
public struct LiveSession: Sendable, Equatable, Codable {
    public var sessionID: String
    public var startTime: String
    public var filesTotal: Int
    public var filesDone: Int
    public var items: Int
    /// Items per second over the batches of the last minute (all of them if fewer).
    public var itemsPerSecond: Double
    /// Seconds left: the prediction made before the start, less the time gone, when there was
    /// one; else the files left at the pace of the files done.
    public var etaSeconds: Double?
    /// The last batch's resident memory, parent and worker processes together.
    public var rssKb: Int?
    public var alerts: [Alert]
}

/// Tells whether another process has written the store since the last look: SQLite's
/// `data_version` on one connection of its own, which changes with every commit of any other
/// connection. Reading it costs no I/O.
public final class StoreChanges: Sendable {
    private let queue: DatabaseQueue

    public init(path: String) throws(StoreError) {
        var configuration = Configuration()
        configuration.readonly = true
        queue = try AnalyticsStore.storeErrors(path) { try DatabaseQueue(path: path, configuration: configuration) }
    }

    public func version() throws(StoreError) -> Int {
        try AnalyticsStore.storeErrors("") { try queue.read { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 } }
    }
}

extension AnalyticsStore {
    /// The imports running now, oldest first.
    public func liveSessions(now: Date = Date()) throws(StoreError) -> [LiveSession] {
        let sessions = try read { db in
            try ImportSessionRow.filter(ImportSessionRow.Columns.status == SessionStatus.running.rawValue)
                .order(ImportSessionRow.Columns.startTime).fetchAll(db).map { try Self.live($0, now: now, db) }
        }
        return try sessions.map { session throws(StoreError) in
            var session = session
            session.alerts = Array(try alerts(session: session.sessionID).map(\.alert)
                .filter { $0.kind != .sessionComplete }.suffix(5).reversed())
            return session
        }
    }

    private static func live(_ session: ImportSessionRow, now: Date, _ db: Database) throws -> LiveSession {
        let id = session.id
        let files = try Row.fetchOne(db, sql: """
            SELECT COUNT(*), SUM(status NOT IN ('pending', 'reading')) FROM session_files WHERE session_id = ?
            """, arguments: [id])
        let total: Int = files?[0] ?? 0, done: Int = files?[1] ?? 0
        let batches = try Row.fetchAll(db, sql: """
            SELECT items, read_ms + write_ms, finished_at, rss_kb FROM batch_metrics WHERE session_id = ? ORDER BY batch
            """, arguments: [id])
        let items = batches.reduce(0) { $0 + ($1[0] as Int) }
        let recentStart = now.addingTimeInterval(-60)
        let recent = batches.filter { Timestamp.date($0[2]).map { $0 >= recentStart } ?? false }
        let window = recent.isEmpty ? batches : recent
        let milliseconds = window.reduce(0.0) { $0 + ($1[1] as Double) }
        let rate = milliseconds > 0 ? Double(window.reduce(0) { $0 + ($1[0] as Int) }) / (milliseconds / 1000) : 0
        let elapsed = Timestamp.date(session.startTime).map { now.timeIntervalSince($0) } ?? 0
        let eta: Double? = if let predicted = session.predictedSeconds {
            max(0, predicted - elapsed)
        } else if done > 0 {
            elapsed / Double(done) * Double(total - done)
        } else {
            nil
        }
        return LiveSession(sessionID: id, startTime: session.startTime, filesTotal: total, filesDone: done,
                           items: items, itemsPerSecond: rate.rounded(toPlaces: 1), etaSeconds: eta?.rounded(),
                           rssKb: batches.last?[3], alerts: [])
    }
}
