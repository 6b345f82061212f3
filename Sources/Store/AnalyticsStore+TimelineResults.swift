import Foundation
import GRDB
import MailModel

/// A mailbox (`contact` empty) or one contact within it, with its gaps, as stored.
public struct TimelineEntityRecord: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
    public var id: Int64?
    public var custodian: String
    public var contact: String
    public var firstDay: String?
    public var lastDay: String?
    public var messages: Int
    public var undated: Int
    public var expectedMessages: Double
    public var missingMessages: Double
    public var completenessScore: Double
    public var gapCount: Int
    public var worstSeverity: Severity?
    public var computedAt: String
    public var computedSession: String?
    /// Not a column: the entity's gaps, as the query that fetched it wants them.
    public var gaps: [TimelineGapRecord] = []

    public init(custodian: String, contact: String, firstDay: String?, lastDay: String?, messages: Int,
                undated: Int, expectedMessages: Double, missingMessages: Double, completenessScore: Double,
                gapCount: Int, worstSeverity: Severity?, computedAt: String, computedSession: String?,
                gaps: [TimelineGapRecord]) {
        self.custodian = custodian
        self.contact = contact
        self.firstDay = firstDay
        self.lastDay = lastDay
        self.messages = messages
        self.undated = undated
        self.expectedMessages = expectedMessages
        self.missingMessages = missingMessages
        self.completenessScore = completenessScore
        self.gapCount = gapCount
        self.worstSeverity = worstSeverity
        self.computedAt = computedAt
        self.computedSession = computedSession
        self.gaps = gaps
    }

    /// The columns of `timeline_entities`.
    public enum CodingKeys: String, CodingKey {
        case id, custodian, contact = "contact_email", firstDay = "first_day", lastDay = "last_day", messages, undated
        case expectedMessages = "expected_messages", missingMessages = "missing_messages"
        case completenessScore = "completeness_score", gapCount = "gap_count", worstSeverity = "worst_severity"
        case computedAt = "computed_at", computedSession = "computed_session_id"
    }

    public enum Columns {
        public static let custodian = Column(CodingKeys.custodian)
        public static let contact = Column(CodingKeys.contact)
    }

    public static let databaseTableName = "timeline_entities"
}

public struct TimelineGapRecord: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
    public var startDay: String
    public var endDay: String
    public var businessDays: Int
    public var expectedMessages: Double
    public var probability: Double
    public var severity: Severity
    public var context: GapContext
    public var evidence: GapEvidence
    public var recommendation: String

    public init(startDay: String, endDay: String, businessDays: Int, expectedMessages: Double, probability: Double,
                severity: Severity, context: GapContext, evidence: GapEvidence, recommendation: String) {
        self.startDay = startDay
        self.endDay = endDay
        self.businessDays = businessDays
        self.expectedMessages = expectedMessages
        self.probability = probability
        self.severity = severity
        self.context = context
        self.evidence = evidence
        self.recommendation = recommendation
    }

    /// The columns of `timeline_gaps` (besides its ids and the severity's rank).
    public enum CodingKeys: String, CodingKey {
        case startDay = "start_day", endDay = "end_day", businessDays = "business_days"
        case expectedMessages = "expected_messages", probability, severity, context, evidence, recommendation
    }

    public static let databaseTableName = "timeline_gaps"
}

/// A run of days on which a source file has mail.
public struct FileCoverageRecord: Sendable, Equatable {
    public var sourceFileID: Int64
    public var startDay: String
    public var endDay: String
    public var messages: Int

    public init(sourceFileID: Int64, startDay: String, endDay: String, messages: Int) {
        self.sourceFileID = sourceFileID
        self.startDay = startDay
        self.endDay = endDay
        self.messages = messages
    }
}

/// A row of `timeline_days`: mail on one UTC day of a custodian's mailbox, as the gap analysis counted it.
public struct TimelineDay: Codable, FetchableRecord, TableRecord, Sendable, Equatable {
    public static let databaseTableName = "timeline_days"

    public var custodian: String
    /// "YYYY-MM-DD".
    public var day: String
    public var messages: Int

    public init(custodian: String, day: String, messages: Int) {
        self.custodian = custodian
        self.day = day
        self.messages = messages
    }

    public enum Columns {
        public static let custodian = Column(CodingKeys.custodian)
    }
}

/// A row of `analysis_settings`: one setting the last recomputation used.
struct AnalysisSetting: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "analysis_settings"

    var key: String
    var value: String
}

/// Which stored gap results a query wants.
public struct TimelineQuery: Sendable {
    public var custodian: String?
    /// Lower-cased address; `nil` for every entity, "" for mailboxes only.
    public var contact: String?
    public var from: String?
    public var to: String?
    public var minimumSeverity = Severity.minor

    public init(custodian: String? = nil, contact: String? = nil, from: String? = nil, to: String? = nil,
                minimumSeverity: Severity = .minor) {
        self.custodian = custodian
        self.contact = contact
        self.from = from
        self.to = to
        self.minimumSeverity = minimumSeverity
    }
}

extension AnalyticsStore {
    /// Replaces every stored timeline result and the settings they were computed with, in one
    /// transaction: readers see the old results or the new, never a mix.
    public func replaceTimeline(_ entities: [TimelineEntityRecord], coverage: [FileCoverageRecord],
                                days: [TimelineDay] = [], activity: [ActivityRecord] = [],
                                settings: [String: String]) throws(StoreError) {
        try write { db in
            try Self.insertActivity(activity, db)
            try db.execute(sql: "DELETE FROM timeline_gaps; DELETE FROM timeline_entities; DELETE FROM file_coverage")
            try db.execute(sql: "DELETE FROM timeline_days")
            let day = try db.makeStatement(sql: "INSERT INTO timeline_days (custodian, day, messages) VALUES (?, ?, ?)")
            // A prepared statement, not a record per row: a large store has hundreds of thousands.
            for row in days { try day.execute(arguments: [row.custodian, row.day, row.messages]) }
            try AnalysisSetting.deleteAll(db)
            for (key, value) in settings { try AnalysisSetting(key: key, value: value).insert(db) }
            let file = try db.makeStatement(sql: """
                INSERT INTO file_coverage (source_file_id, start_day, end_day, messages) VALUES (?, ?, ?, ?)
                """)
            for run in coverage {
                try file.execute(arguments: [run.sourceFileID, run.startDay, run.endDay, run.messages])
            }
            let entity = try db.makeStatement(sql: """
                INSERT INTO timeline_entities (custodian, contact_email, first_day, last_day, messages, undated,
                    expected_messages, missing_messages, completeness_score, gap_count, worst_severity,
                    computed_at, computed_session_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let gap = try db.makeStatement(sql: """
                INSERT INTO timeline_gaps (entity_id, start_day, end_day, business_days, expected_messages,
                    probability, severity, severity_rank, context, evidence, recommendation)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for record in entities {
                try entity.execute(arguments: [
                    record.custodian, record.contact, record.firstDay, record.lastDay, record.messages,
                    record.undated, record.expectedMessages, record.missingMessages, record.completenessScore,
                    record.gapCount, record.worstSeverity?.description, record.computedAt, record.computedSession,
                ])
                let id = db.lastInsertedRowID
                for g in record.gaps {
                    try gap.execute(arguments: [
                        id, g.startDay, g.endDay, g.businessDays, g.expectedMessages, g.probability, g.severity.description,
                        g.severity.rawValue, g.context.rawValue, try JSONDocument.line(g.evidence), g.recommendation,
                    ])
                }
            }
        }
    }

    /// The WHERE clause that picks one custodian's entities (any case) or one contact's, or all.
    static func entityFilter(custodian: String?, contact: String?) -> (clause: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: [any DatabaseValueConvertible] = []
        if let custodian {
            conditions.append("custodian = ? COLLATE NOCASE")
            arguments.append(custodian)
        }
        if let contact {
            conditions.append("contact_email = ?")
            arguments.append(contact)
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), StatementArguments(arguments))
    }

    /// Stored entities matching `query`, mailboxes first, each with the gaps that match it.
    public func timeline(_ query: TimelineQuery) throws(StoreError) -> [TimelineEntityRecord] {
        try read { db in
            let (filter, arguments) = Self.entityFilter(custodian: query.custodian, contact: query.contact)
            let entities = try TimelineEntityRecord.fetchAll(db, sql: """
                SELECT * FROM timeline_entities \(filter) ORDER BY custodian, contact_email != '', contact_email
                """, arguments: arguments)
            let gaps = try db.makeStatement(sql: """
                SELECT * FROM timeline_gaps WHERE entity_id = ? AND severity_rank >= ?
                  AND end_day >= ? AND start_day <= ? ORDER BY start_day
                """)
            return try entities.map { entity in
                var entity = entity
                entity.gaps = try TimelineGapRecord.fetchAll(gaps, arguments: [
                    entity.id, query.minimumSeverity.rawValue, query.from ?? "0000-00-00", query.to ?? "9999-99-99",
                ])
                return entity
            }
        }
    }

    /// Each of the custodian's files with the runs of days it has mail on (as the last gap
    /// analysis found them), in the order the files were first imported.
    public func fileCoverage(custodian: String) throws(StoreError) -> [(path: String, runs: [FileCoverageRecord])] {
        try read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT f.id, f.path, c.start_day, c.end_day, c.messages
                FROM source_files f JOIN file_coverage c ON c.source_file_id = f.id
                WHERE COALESCE(f.custodian, f.display_name, f.path) = ? ORDER BY f.id, c.start_day
                """, arguments: [custodian])
            var files: [(path: String, runs: [FileCoverageRecord])] = []
            var lastID: Int64?
            for row in rows {
                let id: Int64 = row[0]
                if id != lastID { files.append((row[1], [])); lastID = id }
                files[files.count - 1].runs.append(
                    FileCoverageRecord(sourceFileID: id, startDay: row[2], endDay: row[3], messages: row[4]))
            }
            return files
        }
    }

    /// The custodians the store's files belong to, in order.
    public func custodians() throws(StoreError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT custodian FROM source_files WHERE custodian IS NOT NULL ORDER BY custodian
                """)
        }
    }

    /// How many messages `contact` sent or received, in any mailbox (for contacts too rare to
    /// have been analysed). Both halves use an index.
    public func contactMessageCount(_ contact: String) throws(StoreError) -> Int {
        try read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT id FROM messages WHERE sender_email = ?1
                                      UNION SELECT message_id FROM recipients WHERE email = ?1)
                """, arguments: [contact]) ?? 0
        }
    }
}
