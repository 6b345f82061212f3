import Foundation
import GRDB
import MailModel

/// How much mail one imported file held, and over which dates: what anomaly checks compare.
public struct FileVolume: Decodable, FetchableRecord, Sendable, Equatable {
    public var path: String
    public var messages: Int
    public var firstDate: Int64?
    public var lastDate: Int64?

    enum CodingKeys: String, CodingKey {
        case path, messages, firstDate = "first_date", lastDate = "last_date"
    }

    public init(path: String, messages: Int, firstDate: Int64?, lastDate: Int64?) {
        self.path = path
        self.messages = messages
        self.firstDate = firstDate
        self.lastDate = lastDate
    }
}

extension AnalyticsStore {
    public func recordAlert(_ alert: Alert, session: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                INSERT INTO alerts (session_id, at, kind, severity, path, message, value, threshold)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session, alert.at, alert.kind, alert.severity, alert.path, alert.message,
                                 alert.value, alert.threshold])
        }
    }

    /// A session's alerts, or every session's when `session` is nil, oldest first.
    public func alerts(session: String? = nil) throws(StoreError) -> [(session: String, alert: Alert)] {
        try read { db in
            try SessionAlert.fetchAll(db, sql: """
                SELECT session_id, at, kind, severity, path, message, value, threshold FROM alerts
                WHERE ?1 IS NULL OR session_id = ?1 ORDER BY id
                """, arguments: [session]).map { ($0.sessionID, $0.alert) }
        }
    }

    /// Keeps the highest resident memory the session's processes reached together.
    public func recordPeakMemory(_ kilobytes: Int, session: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: "UPDATE import_sessions SET peak_rss_kb = MAX(COALESCE(peak_rss_kb, 0), ?) WHERE id = ?",
                           arguments: [kilobytes, session])
        }
    }

    /// Every imported file the custodian has, in any session: its message count and date range.
    public func fileVolumes(custodian: String) throws(StoreError) -> [FileVolume] {
        try read { db in
            try FileVolume.fetchAll(db, sql: """
                SELECT path, first_date, last_date, COALESCE(messages, 0) AS messages
                FROM source_files WHERE custodian = ? ORDER BY id
                """, arguments: [custodian])
        }
    }
}

/// A row of `alerts`: the alert's own fields, and the session that raised it.
private struct SessionAlert: Decodable, FetchableRecord {
    var sessionID: String
    var alert: Alert

    enum CodingKeys: String, CodingKey {
        case sessionID = "session_id"
    }

    init(from decoder: any Decoder) throws {
        sessionID = try decoder.container(keyedBy: CodingKeys.self).decode(String.self, forKey: .sessionID)
        alert = try Alert(from: decoder)
    }
}
