import Foundation
import Hummingbird
import MailModel
import Reports
import Store

/// A mailbox as the custodian page and `/api/v1/custodian` show it: its figures, its gaps in
/// the chosen days, its mail per day, and which file covers which days.
struct CustodianView: Encodable {
    let summary: CustodianSummary
    let from: String?
    let to: String?
    let gaps: [GapRow]
    let files: [CoveredFile]
    /// Days of the mailbox's span that no file has mail on.
    let uncovered: [DayRange]
    /// Mail per UTC day, as the gap analysis counted it.
    let days: [String: Int]

    struct CoveredFile: Encodable {
        let path: String
        let messages: Int
        let runs: [DayRange]
    }

    init(custodian: String, from: String?, to: String?, store: AnalyticsStore) throws {
        let zones = try store.mailboxZones()
        guard let mailbox = try store.timeline(TimelineQuery(custodian: custodian, contact: "", from: from, to: to)).first
        else { throw HTTPError(.notFound, message: "\(custodian) has no analysed mailbox") }
        summary = CustodianSummary(mailbox, zone: zones[custodian])
        self.from = from
        self.to = to
        gaps = mailbox.gaps.map { GapRow($0, custodian: custodian, contact: nil) }
        let coverage = try store.fileCoverage(custodian: custodian)
        files = coverage.map { file in
            CoveredFile(path: file.path, messages: file.runs.reduce(0) { $0 + $1.messages },
                        runs: file.runs.map { DayRange(from: $0.startDay, to: $0.endDay) })
        }
        uncovered = Self.uncovered(files.flatMap(\.runs), first: mailbox.firstDay, last: mailbox.lastDay)
        days = try store.dailyVolume(custodian: custodian)
    }

    /// The days from `first` to `last` outside every run.
    static func uncovered(_ runs: [DayRange], first: String?, last: String?) -> [DayRange] {
        guard let first = first.flatMap(Day.init(iso:)), let last = last.flatMap(Day.init(iso:)) else { return [] }
        var result: [DayRange] = []
        var next = first
        for run in runs.compactMap(\.days).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if run.lowerBound > next, next <= last {
                result.append(DayRange(min(run.lowerBound.advanced(by: -1), last), from: next))
            }
            next = max(next, run.upperBound.advanced(by: 1))
        }
        if next <= last { result.append(DayRange(last, from: next)) }
        return result
    }
}

/// Days from one to another, both included, as YYYY-MM-DD.
struct DayRange: Encodable, Equatable {
    let from: String
    let to: String

    init(from: String, to: String) {
        self.from = from
        self.to = to
    }

    init(_ to: Day, from: Day) {
        self.from = from.description
        self.to = to.description
    }

    var days: ClosedRange<Day>? {
        guard let first = Day(iso: from), let last = Day(iso: to), first <= last else { return nil }
        return first...last
    }
}

/// One gap as a table row: its figures, formatted, and the address of its page.
struct GapRow: Encodable {
    let start: String
    let end: String
    let businessDays: Int
    let expectedMessages: String
    let probability: String
    let severity: String
    let context: String
    let coverage: String
    let missingRepliedTo: Int
    let recommendation: String
    let link: String

    init(_ gap: TimelineGapRecord, custodian: String, contact: String?) {
        start = gap.startDay
        end = gap.endDay
        businessDays = gap.businessDays
        expectedMessages = gap.expectedMessages.fixed(1)
        probability = String(format: "%.3g", gap.probability)
        severity = gap.severity.description
        context = gap.context.label
        coverage = gap.evidence.coverage.rawValue
        missingRepliedTo = gap.evidence.missingRepliedTo
        recommendation = gap.recommendation
        link = Links.gap(custodian: custodian, start: gap.startDay, contact: contact)
    }
}
