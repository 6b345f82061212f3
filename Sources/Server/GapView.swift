import Foundation
import Hummingbird
import MailModel
import Store

/// One gap as the gap page and `/api/v1/gap` show it: its figures and evidence, the mail
/// expected and found on each day around it, and the contacts silent in it.
struct GapView: Encodable {
    let custodian: String
    let contact: String?
    let gap: GapRow
    let coverage: String
    let coveringFiles: [GapEvidence.CoveringFile]
    let uncoveredRanges: [GapEvidence.Range]
    let missingRepliedTo: Int
    let missingRepliedToExamples: [GapEvidence.MissingMessage]
    let mailboxGap: GapEvidence.Range?
    let days: [DayVolume]
    let silentContacts: [SilentContact]

    /// The mail on one day (the mailbox's, or for a contact's gap the contact's in the mailbox),
    /// and what the gap analysis expected on it.
    struct DayVolume: Encodable {
        let day: String
        let inGap: Bool
        let actual: Int
        /// The gap's expected mail spread over its business days (weekdays); nil outside the gap.
        let expected: String?
    }

    /// A contact of the mailbox whose own gap overlaps this one.
    struct SilentContact: Encodable {
        let contact: String
        let start: String
        let end: String
        let severity: String
        let link: String
    }

    /// Days shown before and after the gap.
    static let margin = 7

    init(custodian: String, start: String, contact: String?, store: AnalyticsStore) throws {
        let entities = try store.timeline(TimelineQuery(custodian: custodian, contact: contact ?? "", from: start, to: start))
        guard let entity = entities.first, let record = entity.gaps.first(where: { $0.startDay == start }),
              let first = Day(iso: record.startDay), let last = Day(iso: record.endDay)
        else {
            let whose = contact.map { "\(custodian) / \($0)" } ?? custodian
            throw HTTPError(.notFound, message: "no gap of \(whose) starts on \(start)")
        }
        self.custodian = custodian
        self.contact = contact
        gap = GapRow(record, custodian: custodian, contact: contact)
        let evidence = record.evidence
        coverage = evidence.coverage.rawValue
        coveringFiles = evidence.coveringFiles
        uncoveredRanges = evidence.uncoveredRanges
        missingRepliedTo = evidence.missingRepliedTo
        missingRepliedToExamples = evidence.missingRepliedToExamples
        mailboxGap = evidence.mailboxGap
        let shown = first.advanced(by: -Self.margin)...last.advanced(by: Self.margin)
        // A contact's gap is measured against their mail in the mailbox, a mailbox's against all of it.
        let volume = try contact.map { try store.contactDays($0, custodian: custodian, from: shown.lowerBound, to: shown.upperBound) }
            ?? store.dailyVolume(custodian: custodian)
        let perBusinessDay = record.expectedMessages / Double(max(1, record.businessDays))
        days = shown.map { day in
            let inGap = (first...last).contains(day)
            return DayVolume(day: day.description, inGap: inGap, actual: volume[day.description] ?? 0,
                             expected: inGap ? (day.isWeekend ? 0 : perBusinessDay).fixed(1) : nil)
        }
        silentContacts = contact != nil ? [] : try store.timeline(
            TimelineQuery(custodian: custodian, from: record.startDay, to: record.endDay)
        ).filter { !$0.contact.isEmpty }.flatMap { entity in
            entity.gaps.map { gap in
                SilentContact(contact: entity.contact, start: gap.startDay, end: gap.endDay,
                              severity: gap.severity.description,
                              link: Links.gap(custodian: custodian, start: gap.startDay, contact: entity.contact))
            }
        }
    }
}
