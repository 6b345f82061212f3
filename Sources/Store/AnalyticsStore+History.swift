import GRDB
import MailModel

/// A finished import as the planner learns from it.
public struct PastSession: Sendable, Equatable {
    public var id: String
    public var jobs: Int
    public var seconds: Double
    /// Items the session stored (sightings: new and duplicate, of every kind).
    public var items: Int
    /// Bytes of the files it read.
    public var bytes: Int64
    public var peakRssKb: Int?
}

extension AnalyticsStore {
    /// Completed sessions that read something, never resumed (an interruption's wait is not
    /// import time), oldest first.
    public func pastSessions() throws(StoreError) -> [PastSession] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.id, s.jobs, s.start_time, s.end_time, s.peak_rss_kb,
                    (SELECT COUNT(*) FROM sightings g WHERE g.session_id = s.id),
                    (SELECT COALESCE(SUM(f.size), 0) FROM session_files sf JOIN source_files f ON f.id = sf.source_file_id
                      WHERE sf.session_id = s.id AND sf.status IN ('imported', 'partial'))
                FROM import_sessions s
                WHERE s.status = 'completed' AND s.end_time IS NOT NULL AND s.resumes = 0
                ORDER BY s.start_time
                """).compactMap { row -> PastSession? in
                guard let start = Timestamp.date(row[2] as String), let end = Timestamp.date(row[3] as String)
                else { return nil }
                let session = PastSession(id: row[0], jobs: row[1], seconds: end.timeIntervalSince(start), items: row[5],
                                          bytes: row[6], peakRssKb: row[4])
                return session.items > 0 && session.seconds > 0 ? session : nil
            }
        }
    }

    /// Keeps the prediction made before a session ran, to show beside what it took.
    public func recordPrediction(_ prediction: ImportPrediction, session: String) throws(StoreError) {
        try write { db in
            try db.execute(sql: """
                UPDATE import_sessions SET predicted_seconds = ?, predicted_peak_rss_kb = ?, prediction_basis = ?
                WHERE id = ?
                """, arguments: [prediction.seconds, prediction.peakRssKb, prediction.basis, session])
        }
    }
}
