import Foundation
import MailModel
import Store

/// Which part of the store a report covers.
public struct ReportFilter: Sendable, Equatable {
    public var session: String?
    /// Days "YYYY-MM-DD", inclusive, for the timeline and the gaps.
    public var from: String?
    public var to: String?

    public init(session: String? = nil, from: String? = nil, to: String? = nil) {
        self.session = session
        self.from = from
        self.to = to
    }
}

/// Everything a report shows, read from the store once: every format renders from this.
public struct ReportModel: Sendable {
    public var generatedAt: String
    public var filter: ReportFilter
    public var sessions: [SessionRecord]
    public var errors: [ImportErrorRecord]
    public var mailboxes: [TimelineEntityRecord]
    /// Gaps of every entity, most severe first.
    public var gaps: [(entity: TimelineEntityRecord, gap: TimelineGapRecord)]
    public var senders: [SenderProfileRecord]
    public var monthly: [MonthlyVolume]
    /// Mail per day ("YYYY-MM-DD") of each mailbox, by custodian, as the gap analysis counted it.
    public var daily: [String: [String: Int]]
    public var throughput: [BatchThroughput]
    /// Alerts raised while importing, oldest first.
    public var alerts: [(session: String, alert: Alert)]
    /// Each mailbox's time zone, by custodian: its days and business hours are counted in it.
    public var zones: [String: OwnerZone]
    /// When mail comes and goes, per mailbox and busy contact, mailboxes first.
    public var activity: [ActivityRecord]

    public static func load(_ store: AnalyticsStore, filter: ReportFilter, now: Date = Date()) throws(StoreError) -> ReportModel {
        var sessions = try store.sessionRecords()
        if let session = filter.session {
            sessions = sessions.filter { $0.sessionID == session }
            if sessions.isEmpty { throw .unknownSession(session) }
        }
        let entities = try store.timeline(TimelineQuery(from: filter.from, to: filter.to))
        let mailboxes = entities.filter { $0.contact.isEmpty }
        var daily: [String: [String: Int]] = [:]
        for mailbox in mailboxes { daily[mailbox.custodian] = try store.dailyVolume(custodian: mailbox.custodian) }
        let gaps = entities.flatMap { entity in entity.gaps.map { (entity: entity, gap: $0) } }
            .sorted { ($0.gap.severity.rawValue, $0.gap.expectedMessages) > ($1.gap.severity.rawValue, $1.gap.expectedMessages) }
        return ReportModel(
            generatedAt: Timestamp.string(now), filter: filter, sessions: sessions,
            errors: try store.importErrors(session: filter.session),
            mailboxes: mailboxes, gaps: gaps, senders: try store.senderProfiles(),
            monthly: try store.monthlyVolume(from: filter.from, to: filter.to), daily: daily,
            throughput: try store.batchThroughput(session: filter.session),
            alerts: try store.alerts(session: filter.session), zones: try store.mailboxZones(),
            activity: try store.activity())
    }

    /// Mail per month over every custodian, oldest first: the volume chart and the workbook's
    /// volume block.
    public var monthlyTotals: [(month: String, messages: Int)] {
        var months: [String: Int] = [:]
        for volume in monthly { months[volume.month, default: 0] += volume.messages }
        return months.sorted { $0.key < $1.key }.map { (month: $0.key, messages: $0.value) }
    }

    /// Items per second of each measured batch, in the order they ran.
    public var batchRates: [Double] {
        throughput.map { $0.milliseconds > 0 ? Double($0.items) / ($0.milliseconds / 1000) : 0 }
    }

    /// The days a mailbox's gaps cover, for its heatmap.
    public func gapDays(ofMailbox custodian: String) -> [ClosedRange<Day>] {
        gaps.filter { $0.entity.custodian == custodian && $0.entity.contact.isEmpty }.compactMap { pair in
            guard let first = Day(iso: pair.gap.startDay), let last = Day(iso: pair.gap.endDay) else { return nil }
            return first...last
        }
    }

    /// The headline figures.
    public var summary: Summary {
        Summary(sessions: sessions, mailboxes: mailboxes, gaps: gaps.map(\.gap), correspondents: senders.count)
    }

    public struct Summary: Sendable, Equatable {
        public var sessions = 0
        public var files = 0
        public var filesImported = 0
        public var filesPartial = 0
        public var filesFailed = 0
        public var emails = 0
        public var newMessages = 0
        public var duplicates = 0
        public var contactsCreated = 0
        public var itemsFailed = 0
        public var importSeconds = 0.0
        /// Files imported fully or in part, out of every file attempted, in percent.
        public var importSuccessRate = 0.0
        public var emailsPerMinute = 0.0
        public var custodians = 0
        public var meanCompleteness = 100.0
        public var gapsBySeverity: [Severity: Int] = [:]
        public var correspondents = 0

        /// The headline figures of these sessions, mailboxes and gaps (what a report or the
        /// server's overview loads, and no more).
        public init(sessions: [SessionRecord], mailboxes: [TimelineEntityRecord], gaps: [TimelineGapRecord],
                    correspondents: Int) {
            self.sessions = sessions.count
            for session in sessions {
                files += session.files.count
                filesImported += session.files.filter { $0.status == .imported }.count
                filesPartial += session.errorSummary.filesPartial
                filesFailed += session.errorSummary.filesFailed
                emails += session.totalEmails
                newMessages += session.successfulImports
                duplicates += session.duplicatesDetected
                contactsCreated += session.contactsCreated
                itemsFailed += session.errorSummary.itemsFailed
                importSeconds += session.batchPerformance.durationSeconds
            }
            importSuccessRate = files > 0 ? 100 * Double(filesImported + filesPartial) / Double(files) : 0
            emailsPerMinute = importSeconds > 0 ? Double(emails) / (importSeconds / 60) : 0
            custodians = mailboxes.count
            meanCompleteness = mailboxes.isEmpty ? 100
                : mailboxes.reduce(0) { $0 + $1.completenessScore } / Double(mailboxes.count)
            for gap in gaps { gapsBySeverity[gap.severity, default: 0] += 1 }
            self.correspondents = correspondents
        }
    }
}
