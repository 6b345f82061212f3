import Foundation
import MailModel
import GRDB

/// An import session as its rows tell it: what `pstscope session ID` prints and the reports
/// list. Its JSON (see `JSONDocument`) has snake_case keys; optional fields are written as
/// null, not left out, so that the document keeps one shape for integrators.
/// Every count is derived from the rows the session wrote, so an interrupted and resumed
/// session reports exactly what an uninterrupted one would.
public struct SessionRecord: Encodable, Sendable, Equatable {
    public var sessionID: String
    public var status: SessionStatus
    public var startTime: String
    @Nullable public var endTime: String?
    @Nullable public var custodian: String?
    public var resumes: Int
    /// Emails (items whose class begins with IPM.Note) found in the files read.
    public var totalEmails: Int
    /// Of those, the ones written to the store (new or duplicate).
    public var processedEmails: Int
    /// Emails new to the store.
    public var successfulImports: Int
    /// Emails already in the store (from an earlier file, folder or session).
    public var duplicatesDetected: Int
    public var otherItems: Int
    public var contactsCreated: Int
    public var batchPerformance: BatchPerformance
    public var errorSummary: ErrorSummary
    public var files: [FileEntry]
    /// What the import was expected to take, predicted before it started.
    @Nullable public var prediction: ImportPrediction?
    /// The peak resident memory of the session's processes together, when monitored.
    @Nullable public var peakRssKb: Int?

    public struct BatchPerformance: Encodable, Sendable, Equatable {
        public var batches: Int
        public var emailsPerMinute: Double
        public var itemsPerSecond: Double
        public var p50BatchMs: Double
        public var p95BatchMs: Double
        public var maxBatchMs: Double
        public var meanBatchSize: Double
        public var readMs: Double
        public var writeMs: Double
        public var durationSeconds: Double
    }

    public struct ErrorSummary: Encodable, Sendable, Equatable {
        public var filesFailed: Int
        public var filesPartial: Int
        public var itemsFailed: Int
        public var byKind: [String: Int]
        public var examples: [Example]

        /// Read straight from `import_errors` (its columns named as these fields).
        public struct Example: Codable, FetchableRecord, Sendable, Equatable {
            public var path: String
            public var kind: String
            @Nullable public var folder: String?
            @Nullable public var itemId: Int64?
            public var message: String
        }
    }

    public struct FileEntry: Encodable, Sendable, Equatable {
        public var path: String
        public var status: FileStatus
        public var emails: Int
        public var newEmails: Int
        public var duplicates: Int
        public var otherItems: Int
        public var itemsFailed: Int
        @Nullable public var custodian: String?
        @Nullable public var format: String?
        @Nullable public var contentType: String?
        @Nullable public var encryption: String?
        @Nullable public var size: Int64?
        @Nullable public var firstDate: String?
        @Nullable public var lastDate: String?
        @Nullable public var readMs: Double?
        @Nullable public var error: String?
    }
}

extension AnalyticsStore {
    /// All sessions, newest first.
    public func sessionRecords() throws(StoreError) -> [SessionRecord] {
        let ids = try read { db in
            try String.fetchAll(db, sql: "SELECT id FROM import_sessions ORDER BY start_time DESC, id DESC")
        }
        var reports: [SessionRecord] = []
        for id in ids { reports.append(try sessionRecord(id)) }
        return reports
    }

    public func sessionRecord(_ id: String) throws(StoreError) -> SessionRecord {
        let report = try read { db -> SessionRecord? in
            try ImportSessionRow.filter(ImportSessionRow.Columns.id == id).fetchOne(db).map { try Self.report($0, db) }
        }
        guard let report else { throw .unknownSession(id) }
        return report
    }

    private static func report(_ session: ImportSessionRow, _ db: Database) throws -> SessionRecord {
        let id = session.id
        // One pass over the session's sightings gives every file's counts and, summed, the session's.
        let counts = try sightingCounts(id, db)
        let emails = counts.values.reduce(0) { $0 + $1.emails }
        let newEmails = counts.values.reduce(0) { $0 + $1.newEmails }
        let others = counts.values.reduce(0) { $0 + $1.others }
        let contacts = try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM contacts WHERE created_session_id = ?", arguments: [id]) ?? 0
        let files = try fileEntries(id, counts: counts, db)
        let start = session.startTime, end = session.endTime
        return SessionRecord(
            sessionID: id, status: session.status, startTime: start, endTime: end,
            custodian: session.custodian, resumes: session.resumes,
            totalEmails: emails, processedEmails: emails, successfulImports: newEmails,
            duplicatesDetected: emails - newEmails, otherItems: others, contactsCreated: contacts,
            batchPerformance: try performance(id, emails: emails, start: start, end: end, db),
            errorSummary: try errors(id, files: files, db),
            files: files, prediction: session.prediction, peakRssKb: session.peakRssKb)
    }

    /// One file of a session, as the session record lists it.
    public func fileEntry(_ path: String, session: String) throws(StoreError) -> SessionRecord.FileEntry? {
        try read { db in
            // Only this file's sightings: the session may already hold millions of others.
            let file = try Int64.fetchOne(
                db, sql: "SELECT source_file_id FROM session_files WHERE session_id = ? AND path = ?",
                arguments: [session, path])
            let counts = try file.map { try Self.sightingCounts(session, sourceFile: $0, db) } ?? [:]
            return try Self.fileEntries(session, path: path, counts: counts, db).first
        }
    }

    /// What a session saw in one source file.
    struct SightingCounts: Decodable, FetchableRecord {
        var sourceFileID: Int64 = 0
        var emails = 0, newEmails = 0, others = 0

        enum CodingKeys: String, CodingKey {
            case sourceFileID = "source_file_id", emails, newEmails = "new_emails", others
        }
    }

    /// Emails, new emails and other items the session saw, per source file (or in one file).
    static func sightingCounts(_ id: String, sourceFile: Int64? = nil, _ db: Database) throws -> [Int64: SightingCounts] {
        var counts: [Int64: SightingCounts] = [:]
        var filter = "session_id = ?"
        var arguments: StatementArguments = [id]
        if let sourceFile {
            filter += " AND source_file_id = ?"
            arguments += [sourceFile]
        }
        for file in try SightingCounts.fetchAll(db, sql: """
            SELECT source_file_id, SUM(kind = 'email') AS emails, SUM(kind = 'email' AND is_new) AS new_emails,
                   SUM(kind != 'email') AS others
            FROM sightings WHERE \(filter) GROUP BY source_file_id
            """, arguments: arguments) {
            counts[file.sourceFileID] = file
        }
        return counts
    }

    private static func fileEntries(_ id: String, path: String? = nil, counts: [Int64: SightingCounts],
                                    _ db: Database) throws -> [SessionRecord.FileEntry] {
        try FileRow.fetchAll(db, sql: """
            SELECT sf.path, sf.status, sf.custodian, sf.error, sf.read_ms, sf.source_file_id,
                   f.format, f.content_type, f.encryption, f.size, f.first_date, f.last_date,
                   COALESCE(sf.items_failed, (SELECT COUNT(*) FROM import_errors e
                    WHERE e.session_id = sf.session_id AND e.path = sf.path AND e.is_item = 1)) AS items_failed
            FROM session_files sf LEFT JOIN source_files f ON f.id = sf.source_file_id
            WHERE sf.session_id = ? AND (? IS NULL OR sf.path = ?) ORDER BY sf.position
            """, arguments: [id, path, path]).map { row in
            // A skipped twin shares its source file id but read nothing itself.
            let skipped = row.status == .skipped
            let tally = row.sourceFileID.flatMap { counts[$0] } ?? SightingCounts()
            let emails = skipped ? 0 : tally.emails
            let newEmails = skipped ? 0 : tally.newEmails
            return SessionRecord.FileEntry(
                path: row.path, status: row.status, emails: emails, newEmails: newEmails,
                duplicates: emails - newEmails, otherItems: skipped ? 0 : tally.others,
                itemsFailed: row.itemsFailed, custodian: row.custodian, format: row.format,
                contentType: row.contentType, encryption: row.encryption, size: row.size,
                firstDate: row.firstDate.map(iso8601), lastDate: row.lastDate.map(iso8601),
                readMs: row.readMs.map { $0.rounded(toPlaces: 1) }, error: row.error)
        }
    }

    private static func performance(
        _ id: String, emails: Int, start: String, end: String?, _ db: Database
    ) throws -> SessionRecord.BatchPerformance {
        let rows = try BatchTiming.fetchAll(
            db, sql: "SELECT items, read_ms, write_ms FROM batch_metrics WHERE session_id = ? ORDER BY batch",
            arguments: [id])
        let durations = rows.map { $0.readMs + $0.writeMs }.sorted()
        let items = rows.reduce(0) { $0 + $1.items }
        let seconds = max(
            0.001,
            ((end.flatMap(Timestamp.date) ?? Date()).timeIntervalSince(Timestamp.date(start) ?? Date())))
        return SessionRecord.BatchPerformance(
            batches: rows.count,
            emailsPerMinute: (Double(emails) / seconds * 60).rounded(),
            itemsPerSecond: (Double(items) / seconds).rounded(),
            p50BatchMs: percentile(durations, 0.5), p95BatchMs: percentile(durations, 0.95),
            maxBatchMs: (durations.last ?? 0).rounded(toPlaces: 1),
            meanBatchSize: rows.isEmpty ? 0 : Double(items) / Double(rows.count),
            readMs: rows.reduce(0) { $0 + $1.readMs }.rounded(),
            writeMs: rows.reduce(0) { $0 + $1.writeMs }.rounded(),
            durationSeconds: seconds.rounded(toPlaces: 3))
    }

    private static func errors(
        _ id: String, files: [SessionRecord.FileEntry], _ db: Database
    ) throws -> SessionRecord.ErrorSummary {
        let byKind = Dictionary(uniqueKeysWithValues: try ErrorKindCount.fetchAll(
            db, sql: "SELECT kind, COUNT(*) AS count FROM import_errors WHERE session_id = ? GROUP BY kind",
            arguments: [id]).map { ($0.kind, $0.count) })
        // Up to three examples of each kind, so that a rare kind is not hidden by a frequent one.
        let examples = try SessionRecord.ErrorSummary.Example.fetchAll(db, sql: """
            SELECT path, kind, folder_path AS folder, item_id AS itemId, message FROM (
                SELECT *, ROW_NUMBER() OVER (PARTITION BY kind ORDER BY id) AS n
                FROM import_errors WHERE session_id = ?)
            WHERE n <= 3 ORDER BY id
            """, arguments: [id])
        return SessionRecord.ErrorSummary(
            filesFailed: files.filter { $0.status == .failed }.count,
            filesPartial: files.filter { $0.status == .partial }.count,
            itemsFailed: files.reduce(0) { $0 + $1.itemsFailed },
            byKind: byKind, examples: examples)
    }

    private static func percentile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty else { return 0 }
        let rank = Int((p * Double(sorted.count - 1)).rounded())
        return sorted[rank].rounded(toPlaces: 1)
    }
}

/// How many errors of one kind a session had.
private struct ErrorKindCount: Decodable, FetchableRecord {
    var kind: String
    var count: Int
}

/// A batch's size and times: a row of `batch_metrics`, in part.
private struct BatchTiming: Decodable, FetchableRecord {
    var items: Int
    var readMs: Double
    var writeMs: Double

    enum CodingKeys: String, CodingKey {
        case items, readMs = "read_ms", writeMs = "write_ms"
    }
}

/// A session's input with its source file's facts and its failed items, as the query above
/// joins them.
private struct FileRow: Decodable, FetchableRecord {
    var path: String
    var status: FileStatus
    var custodian: String?
    var error: String?
    var readMs: Double?
    var sourceFileID: Int64?
    var format: String?
    var contentType: String?
    var encryption: String?
    var size: Int64?
    var firstDate: Int64?
    var lastDate: Int64?
    var itemsFailed: Int

    enum CodingKeys: String, CodingKey {
        case path, status, custodian, error, readMs = "read_ms", sourceFileID = "source_file_id", format
        case contentType = "content_type", encryption, size, firstDate = "first_date", lastDate = "last_date"
        case itemsFailed = "items_failed"
    }
}
