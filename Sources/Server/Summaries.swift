import Foundation
import MailModel
import Reports
import Store

/// A mailbox: its span, counts, completeness and worst gap, with its owner's time zone.
struct CustodianSummary: Encodable {
    let custodian: String
    let firstDay: String?
    let lastDay: String?
    let messages: Int
    let completenessScore: Double
    let gapCount: Int
    let worstSeverity: String?
    let timeZone: String?

    /// Every analysed mailbox, in the store's order.
    static func all(in store: AnalyticsStore) throws -> [CustodianSummary] {
        let zones = try store.mailboxZones()
        return try store.timeline(TimelineQuery(contact: "")).map { CustodianSummary($0, zone: zones[$0.custodian]) }
    }

    init(_ entity: TimelineEntityRecord, zone: OwnerZone?) {
        custodian = entity.custodian
        firstDay = entity.firstDay
        lastDay = entity.lastDay
        messages = entity.messages
        completenessScore = entity.completenessScore
        gapCount = entity.gapCount
        worstSeverity = entity.worstSeverity?.description
        timeZone = zone?.zone
    }
}

/// The executive figures: what was imported, how complete the mailboxes are, and the gaps.
struct Overview: Encodable {
    let sessions: Int
    let files: Int
    let filesFailed: Int
    let emails: Int
    let newMessages: Int
    let duplicates: Int
    let itemsFailed: Int
    let custodians: Int
    let meanCompleteness: Double
    let gapsBySeverity: [String: Int]
    /// Major and critical gaps together: the overview's headline.
    let seriousGaps: Int
    let correspondents: Int

    /// The report's summary, from only what it needs: the sessions' records, the timelines and
    /// the count of profiles (a whole report model of a million messages took 1.3 s).
    init(_ store: AnalyticsStore, sessions records: [SessionRecord]) throws {
        let entities = try store.timeline(TimelineQuery())
        let summary = ReportModel.Summary(
            sessions: records, mailboxes: entities.filter { $0.contact.isEmpty },
            gaps: entities.flatMap(\.gaps), correspondents: try store.senderProfileCount())
        sessions = summary.sessions
        files = summary.files
        filesFailed = summary.filesFailed
        emails = summary.emails
        newMessages = summary.newMessages
        duplicates = summary.duplicates
        itemsFailed = summary.itemsFailed
        custodians = summary.custodians
        meanCompleteness = summary.meanCompleteness.rounded(toPlaces: 1)
        gapsBySeverity = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.description, summary.gapsBySeverity[$0] ?? 0) })
        seriousGaps = (summary.gapsBySeverity[.major] ?? 0) + (summary.gapsBySeverity[.critical] ?? 0)
        correspondents = summary.correspondents
    }
}
