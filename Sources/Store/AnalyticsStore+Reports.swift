import Foundation
import GRDB

/// One recorded import error: a row of `import_errors`.
public struct ImportErrorRecord: Decodable, FetchableRecord, Sendable, Equatable {
    public var sessionID: String
    public var path: String
    public var kind: String
    public var isItem: Bool
    public var itemID: Int64?
    public var folder: String?
    public var message: String
    public var at: String

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id", path, kind, isItem = "is_item", itemID = "item_id", folder = "folder_path"
        case message, at
    }
}

/// Mail of one custodian in one month.
public struct MonthlyVolume: Decodable, FetchableRecord, Sendable, Equatable {
    public var custodian: String
    /// "YYYY-MM"
    public var month: String
    public var messages: Int
}

/// One batch's throughput.
public struct BatchThroughput: Decodable, FetchableRecord, Sendable, Equatable {
    public var sessionID: String
    public var batch: Int
    public var items: Int
    public var milliseconds: Double
    public var finishedAt: String
}

extension AnalyticsStore {
    /// Import errors, oldest first; one session's when `session` is given.
    public func importErrors(session: String? = nil) throws(StoreError) -> [ImportErrorRecord] {
        try read { db in
            try ImportErrorRecord.fetchAll(db, sql: """
                SELECT session_id, path, kind, is_item, item_id, folder_path, message, at FROM import_errors
                WHERE ?1 IS NULL OR session_id = ?1 ORDER BY id
                """, arguments: [session])
        }
    }

    /// Mail (emails and meeting messages) per custodian and month, each message once per
    /// custodian, between two days ("YYYY-MM-DD", inclusive) when given. From the daily counts
    /// the gap analysis keeps.
    public func monthlyVolume(from: String? = nil, to: String? = nil) throws(StoreError) -> [MonthlyVolume] {
        try read { db in
            try MonthlyVolume.fetchAll(db, sql: """
                SELECT custodian, substr(day, 1, 7) AS month, SUM(messages) AS messages FROM timeline_days
                WHERE (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2)
                GROUP BY custodian, month ORDER BY custodian, month
                """, arguments: [from, to])
        }
    }

    /// Mail per UTC day ("YYYY-MM-DD") of one custodian's mailbox, as the gap analysis counted it.
    public func dailyVolume(custodian: String) throws(StoreError) -> [String: Int] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try TimelineDay.filter(TimelineDay.Columns.custodian == custodian)
                .fetchAll(db).map { ($0.day, $0.messages) })
        }
    }

    /// Every batch's item count and time, in order; one session's when `session` is given.
    public func batchThroughput(session: String? = nil) throws(StoreError) -> [BatchThroughput] {
        try read { db in
            try BatchThroughput.fetchAll(db, sql: """
                SELECT session_id AS sessionID, batch, items, read_ms + write_ms AS milliseconds,
                       finished_at AS finishedAt FROM batch_metrics
                WHERE ?1 IS NULL OR session_id = ?1 ORDER BY finished_at, batch
                """, arguments: [session])
        }
    }
}
