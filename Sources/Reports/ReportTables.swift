import Foundation
import MailModel
import Store

/// A typed cell: every format writes the same values, each in its own way (JSON numbers, CSV
/// digits, XLSX number and date cells).
public enum ReportCell: Sendable, Equatable {
    case text(String)
    case int(Int)
    case number(Double)
    /// "YYYY-MM-DD" or an ISO 8601 timestamp.
    case date(String)
    case bool(Bool)
    case empty

    static func text(_ value: String?) -> ReportCell { value.map(ReportCell.text) ?? .empty }
    static func int(_ value: Int?) -> ReportCell { value.map(ReportCell.int) ?? .empty }
    static func number(_ value: Double?) -> ReportCell { value.map(ReportCell.number) ?? .empty }
    static func date(_ value: String?) -> ReportCell { value.map(ReportCell.date) ?? .empty }
    static func bool(_ value: Bool?) -> ReportCell { value.map(ReportCell.bool) ?? .empty }
}

/// One table of a report: a CSV file, an XLSX sheet, a JSON array.
public struct ReportTable: Sendable {
    /// What the table holds: its CSV file, its XLSX sheet and its key in report.json.
    public enum Name: String, Sendable, CaseIterable {
        case summary, custodians, sessions, files, senders, gaps, timeline, errors, alerts, activity
        case activityHours = "activity_hours"
        /// Chart data behind the XLSX charts.
        case completeness, volume
    }

    public var name: Name
    public var columns: [String]
    public var rows: [[ReportCell]]
}

/// The report's tables, in the order the README documents. The column orders are stable:
/// add columns at the end only.
public enum ReportTables {
    public static func all(_ model: ReportModel) -> [ReportTable] {
        [summary(model), custodians(model), sessions(model), files(model), senders(model), gaps(model),
         timeline(model), errors(model), alerts(model), activity(model), activityHours(model)]
    }

    /// Each mailbox's and busy contact's peak and share of mail outside business hours.
    public static func activity(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .activity, columns: [
            "custodian", "contact", "time_zone", "messages", "peak_weekday", "peak_hour", "outside_business_hours",
        ], rows: model.activity.map { a in
            [.text(a.custodian), .text(a.contact), .text(model.zones[a.custodian]?.zone), .int(a.messages),
             .text(a.peakWeekday.map { WeekHours.weekdayNames[$0] }), .int(a.peakHour),
             .number(a.outsideBusinessHours)]
        })
    }

    /// The weekday × hour cells with mail, in the owner's local time.
    public static func activityHours(_ model: ReportModel) -> ReportTable {
        let rows: [[ReportCell]] = model.activity.flatMap { a in
            a.cellsWithMail.map { cell in
                [.text(a.custodian), .text(a.contact), .text(WeekHours.weekdayNames[cell.weekday]), .int(cell.hour),
                 .int(cell.sent), .int(cell.received)]
            }
        }
        return ReportTable(name: .activityHours, columns: ["custodian", "contact", "weekday", "hour", "sent", "received"],
                           rows: rows)
    }

    public static func summary(_ model: ReportModel) -> ReportTable {
        let s = model.summary
        var rows: [[ReportCell]] = [
            [.text("sessions"), .int(s.sessions)], [.text("files"), .int(s.files)],
            [.text("files_imported"), .int(s.filesImported)], [.text("files_partial"), .int(s.filesPartial)],
            [.text("files_failed"), .int(s.filesFailed)], [.text("emails"), .int(s.emails)],
            [.text("new_messages"), .int(s.newMessages)], [.text("duplicates"), .int(s.duplicates)],
            [.text("contacts_created"), .int(s.contactsCreated)], [.text("items_failed"), .int(s.itemsFailed)],
            [.text("import_success_rate"), .number(s.importSuccessRate.rounded(toPlaces: 2))],
            [.text("emails_per_minute"), .number(s.emailsPerMinute.rounded(toPlaces: 2))],
            [.text("import_seconds"), .number(s.importSeconds.rounded(toPlaces: 2))],
            [.text("custodians"), .int(s.custodians)],
            [.text("mean_completeness"), .number(s.meanCompleteness.rounded(toPlaces: 2))],
            [.text("correspondents"), .int(s.correspondents)],
        ]
        for severity in Severity.allCases.reversed() {
            rows.append([.text("gaps_\(severity)"), .int(s.gapsBySeverity[severity] ?? 0)])
        }
        return ReportTable(name: .summary, columns: ["metric", "value"], rows: rows)
    }

    public static func custodians(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .custodians, columns: [
            "custodian", "first_day", "last_day", "messages", "undated", "expected_messages", "missing_messages",
            "completeness_score", "gaps", "worst_severity",
        ], rows: model.mailboxes.map { m in
            [.text(m.custodian), .date(m.firstDay), .date(m.lastDay), .int(m.messages), .int(m.undated),
             .number(m.expectedMessages.rounded(toPlaces: 2)), .number(m.missingMessages.rounded(toPlaces: 2)),
             .number(m.completenessScore.rounded(toPlaces: 2)), .int(m.gapCount), .text(m.worstSeverity?.description)]
        })
    }

    public static func sessions(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .sessions, columns: [
            "session_id", "status", "start_time", "end_time", "files", "emails", "new_messages", "duplicates",
            "contacts_created", "files_failed", "files_partial", "items_failed", "batches", "emails_per_minute",
            "duration_seconds", "p95_batch_ms",
        ], rows: model.sessions.map { s in
            [.text(s.sessionID), .text(s.status.rawValue), .date(s.startTime), .date(s.endTime), .int(s.files.count),
             .int(s.totalEmails), .int(s.successfulImports), .int(s.duplicatesDetected), .int(s.contactsCreated),
             .int(s.errorSummary.filesFailed), .int(s.errorSummary.filesPartial), .int(s.errorSummary.itemsFailed),
             .int(s.batchPerformance.batches), .number(s.batchPerformance.emailsPerMinute.rounded(toPlaces: 2)),
             .number(s.batchPerformance.durationSeconds.rounded(toPlaces: 2)), .number(s.batchPerformance.p95BatchMs.rounded(toPlaces: 2))]
        })
    }

    public static func files(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .files, columns: [
            "session_id", "path", "status", "custodian", "emails", "new_messages", "duplicates", "other_items",
            "items_failed", "first_date", "last_date", "size_bytes", "read_seconds", "error",
        ], rows: model.sessions.flatMap { s in
            s.files.map { f in
                [.text(s.sessionID), .text(f.path), .text(f.status.rawValue), .text(f.custodian), .int(f.emails),
                 .int(f.newEmails), .int(f.duplicates), .int(f.otherItems), .int(f.itemsFailed), .date(f.firstDate),
                 .date(f.lastDate), .int(f.size.map(Int.init)), .number(f.readMs.map { ($0 / 1000).rounded(toPlaces: 2) }),
                 .text(f.error)] as [ReportCell]
            }
        })
    }

    public static func senders(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .senders, columns: [
            "custodian", "sender_email", "name", "classification", "confidence_score", "total_emails",
            "emails_from_contact", "emails_to_contact", "avg_emails_per_month", "first_contact", "last_contact",
            "response_time_median_hours", "their_response_time_median_hours", "reciprocity", "importance_score",
            "communication_increasing", "response_time_improving", "pagerank",
        ], rows: model.senders.map { p in
            [.text(p.custodian), .text(p.email), .text(p.name), .text(p.classification.rawValue), .number(p.confidenceScore),
             .int(p.totalEmails), .int(p.sentToOwner), .int(p.receivedFromOwner), .number(p.avgEmailsPerMonth),
             .date(p.firstContact), .date(p.lastContact), .number(p.ownerResponseMedianHours),
             .number(p.contactResponseMedianHours), .number(p.reciprocity), .number(p.importanceScore),
             .bool(p.communicationIncreasing), .bool(p.responseTimeImproving), .number(p.pagerank)]
        })
    }

    public static func gaps(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .gaps, columns: [
            "custodian", "contact", "start", "end", "business_days", "expected_messages", "probability", "severity",
            "context", "missing_replied_to", "coverage", "recommendation",
        ], rows: model.gaps.map { entity, gap in
            [.text(entity.custodian), .text(entity.contact), .date(gap.startDay), .date(gap.endDay),
             .int(gap.businessDays), .number(gap.expectedMessages.rounded(toPlaces: 2)), .number(gap.probability),
             .text(gap.severity.description), .text(gap.context.rawValue), .int(gap.evidence.missingRepliedTo),
             .text(gap.evidence.coverage.rawValue), .text(gap.recommendation)]
        })
    }

    public static func timeline(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .timeline, columns: ["custodian", "month", "messages"], rows: model.monthly.map {
            [.text($0.custodian), .text($0.month), .int($0.messages)]
        })
    }

    public static func errors(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .errors, columns: ["session_id", "path", "kind", "scope", "item_id", "folder", "message", "at"],
                    rows: model.errors.map { e in
            [.text(e.sessionID), .text(e.path), .text(e.kind), .text(e.isItem ? "item" : "file"), .int(e.itemID.map(Int.init)),
             .text(e.folder), .text(e.message), .date(e.at)]
        })
    }

    /// Completeness per custodian: the data of the workbook's completeness chart.
    public static func completeness(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .completeness, columns: ["custodian", "completeness_score"],
                    rows: model.mailboxes.map { [.text($0.custodian), .number($0.completenessScore)] })
    }

    /// Mail per month, all custodians: the data of the workbook's volume chart.
    public static func volume(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .volume, columns: ["month", "messages"],
                    rows: model.monthlyTotals.map { [.text($0.month), .int($0.messages)] })
    }

    public static func alerts(_ model: ReportModel) -> ReportTable {
        ReportTable(name: .alerts, columns: ["session_id", "at", "severity", "kind", "path", "message", "value", "threshold"],
                    rows: model.alerts.map { session, a in
            [.text(session), .date(a.at), .text(a.severity.rawValue), .text(a.kind.rawValue), .text(a.path), .text(a.message),
             .number(a.value), .number(a.threshold)]
        })
    }

}

/// The three reports.
public enum ReportKind: String, CaseIterable, Sendable {
    case executive, detailed, operational, all

    public static let reports: [ReportKind] = [.executive, .detailed, .operational]
}
