import Foundation
import Store
import Workdays
import MailModel

/// What a recomputation did.
public struct TimelineSummary: Sendable, Equatable {
    public var mailboxes: Int
    public var contacts: Int
    public var gaps: Int
    public var seconds: Double
}

/// Gap analysis of the whole store: one streaming pass collects each mailbox's, each contact's
/// and each file's mail per day; then every entity is modelled, its gaps found and explained,
/// and all results replace the stored ones in one transaction.
public enum TimelineAnalysis {
    public static func recompute(_ store: AnalyticsStore, settings: TimelineSettings, zones: MailboxZones,
                                 session: String? = nil, now: Date = Date()) throws(StoreError) -> TimelineSummary {
        let clock = ContinuousClock.now
        let files = try store.timelineFiles()
        let orphans = try store.orphanReplies()
        let skipped = try store.skippedAncestors()
        var tally = Tally(files: files, orphans: orphans, skipped: skipped, zones: zones,
                          calendar: settings.calendar(years: zones.years))
        try store.scanMessages { tally.add($0) }
        tally.finishCoverage()

        let years = tally.span.years ?? 2000...2000
        let calendar = settings.calendar(years: years)
        let computedAt = Timestamp.string(now)
        var records: [TimelineEntityRecord] = []
        var days: [TimelineDay] = []
        var activity: [ActivityRecord] = []
        var gapCount = 0, contactCount = 0
        for custodian in tally.mailboxes.custodians.indices {
            let mailbox = MailboxContext(tally: tally, custodian: custodian, calendar: calendar,
                                         zone: tally.zones[custodian])
            guard let series = mailbox.series else { continue }
            for (offset, count) in series.counts.enumerated() where count > 0 {
                days.append(TimelineDay(custodian: tally.mailboxes.custodians[custodian], day: series.day(offset).description,
                                        messages: Int(count)))
            }
            let custodianName = tally.mailboxes.custodians[custodian]
            activity.append(tally.mailboxActivity[custodian].record(custodian: custodianName, contact: ""))
            let mailboxGaps = mailbox.explainMailbox()
            records.append(record(custodian: tally.mailboxes.custodians[custodian], contact: "", series: series,
                                  gaps: mailboxGaps, computedAt: computedAt, session: session))
            gapCount += mailboxGaps.count
            for (contact, entity) in tally.contacts[custodian].sorted(by: { $0.key < $1.key }) {
                if entity.activity.total >= ActivityTally.minimumContactMessages {
                    activity.append(entity.activity.record(custodian: custodianName, contact: contact))
                }
                guard entity.series.dated >= TimelineSettings.minimumContactMessages,
                      let contactSeries = entity.series.build() else { continue }
                let gaps = mailbox.explainContact(contact, series: contactSeries, mailboxGaps: mailboxGaps)
                records.append(record(custodian: tally.mailboxes.custodians[custodian], contact: contact, series: contactSeries,
                                      gaps: gaps, computedAt: computedAt, session: session))
                gapCount += gaps.count
                contactCount += 1
            }
        }
        let coverage = tally.coverage.values.sorted { $0.fileID < $1.fileID }.flatMap { file in
            file.runs.map { FileCoverageRecord(sourceFileID: file.fileID, startDay: $0.days.lowerBound.description,
                                               endDay: $0.days.upperBound.description, messages: $0.messages) }
        }
        try store.replaceTimeline(records, coverage: coverage, days: days, activity: activity,
                                  settings: settings.stored)
        let elapsed = ContinuousClock.now - clock
        return TimelineSummary(mailboxes: records.count - contactCount, contacts: contactCount, gaps: gapCount,
                               seconds: elapsed.seconds)
    }

    static func record(custodian: String, contact: String, series: DailySeries, gaps: [ExplainedGap],
                       computedAt: String, session: String?) -> TimelineEntityRecord {
        let messages = series.total
        // Only gaps that suggest lost mail count against completeness: leave, holidays and a
        // correspondent's own silence are gaps in the conversation, not in the archive.
        let missing = gaps.filter { $0.context == .suspicious }.reduce(0) { $0 + $1.run.expected }
        let expected = Double(messages) + missing
        return TimelineEntityRecord(
            custodian: custodian, contact: contact, firstDay: series.first.description,
            lastDay: series.last.description, messages: messages, undated: series.undated,
            expectedMessages: expected, missingMessages: missing,
            completenessScore: expected > 0 ? 100 * Double(messages) / expected : 100,
            gapCount: gaps.count, worstSeverity: gaps.map(\.severity).max(),
            computedAt: computedAt, computedSession: session,
            gaps: gaps.map { gap in
                TimelineGapRecord(
                    startDay: gap.run.reported.lowerBound.description, endDay: gap.run.reported.upperBound.description,
                    businessDays: gap.run.businessDays, expectedMessages: gap.run.expected,
                    probability: gap.run.probability, severity: gap.severity, context: gap.context,
                    evidence: gap.evidence, recommendation: gap.recommendation)
            })
    }
}

/// The per-day tallies of one scan of the store.
struct Tally: Sendable {
    let mailboxes: Mailboxes
    /// Each custodian's zone: their mail is counted on their own local days.
    let zones: [Zone]
    /// Business days for the activity's share outside business hours.
    let calendar: BusinessCalendar
    var mailboxSeries: [SeriesBuilder] = []
    var mailboxActivity: [ActivityTally] = []
    /// A contact's days and hours within one custodian's mailbox.
    struct EntityTally: Sendable {
        var series = SeriesBuilder()
        var activity = ActivityTally()
    }
    var contacts: [[String: EntityTally]] = []
    var fileDays: [Int64: [Int32: Int32]] = [:]
    var coverage: [Int64: FileCoverage] = [:]
    /// Replies with an absent parent, or absent earlier messages of their thread, and when
    /// those were written (by conversation index); `reply.inReplyTo` names the absent one.
    var orphans: [Int64: [(reply: OrphanReply, parentTime: Int64)]] = [:]
    /// For each custodian, the orphans seen in their files with the reply's participants.
    var orphansByCustodian: [[(reply: OrphanReply, parentTime: Int64, participants: [String])]] = []
    var span = YearSpan()

    init(files: [TimelineFile], orphans: [OrphanReply], skipped: [SkippedAncestor] = [], zones: MailboxZones,
         calendar: BusinessCalendar) {
        mailboxes = Mailboxes(files: files)
        self.zones = mailboxes.custodians.map(zones.zone(of:))
        self.calendar = calendar
        let count = mailboxes.custodians.count
        mailboxSeries = Array(repeating: SeriesBuilder(), count: count)
        mailboxActivity = Array(repeating: ActivityTally(), count: count)
        contacts = Array(repeating: [:], count: count)
        orphansByCustodian = Array(repeating: [], count: count)
        for orphan in orphans {
            if let data = orphan.conversationIndex, let time = ConversationTimes.parentTime(data) {
                self.orphans[orphan.messageID, default: []].append((orphan, time))
            }
        }
        for skip in skipped {
            if let data = skip.reply.conversationIndex,
               let time = ConversationTimes.ancestorTime(data, position: skip.position, referenceCount: skip.referenceCount) {
                self.orphans[skip.reply.messageID, default: []].append((skip.reply, time))
            }
        }
    }

    mutating func add(_ facts: MessageFacts) {
        span.include(facts.date)
        if let date = facts.date {
            for file in facts.files {
                let day = mailboxes.fileCustodian[file].map { zones[$0].day(containing: date) } ?? Day(containing: date)
                fileDays[file, default: [:]][Int32(day.index), default: 0] += 1
            }
        }
        for custodian in mailboxes.custodians(of: facts.files) {
            let wall = facts.date.map(zones[custodian].local)
            let day = wall.map(Day.init(containing:))
            let owner = mailboxes.owners[custodian]
            let fromOwner = facts.sender.map(owner.contains) ?? false
            mailboxSeries[custodian].add(day: day, fromOwner: fromOwner)
            if let wall { mailboxActivity[custodian].add(wall: wall, fromOwner: fromOwner, calendar: calendar) }
            var participants: [String] = []
            for address in [facts.sender].compactMap({ $0 }) + facts.recipients
            where !owner.contains(address) && !participants.contains(address) {
                participants.append(address)
                contacts[custodian][address, default: EntityTally()].series.add(day: day, fromOwner: fromOwner)
                if let wall {
                    contacts[custodian][address]!.activity.add(wall: wall, fromOwner: fromOwner, calendar: calendar)
                }
            }
            for orphan in orphans[facts.id] ?? [] {
                orphansByCustodian[custodian].append((orphan.reply, orphan.parentTime, participants))
            }
        }
    }

    /// Turns the day tallies of files into coverage runs (once, after the scan).
    mutating func finishCoverage() {
        for (file, days) in fileDays where coverage[file] == nil {
            coverage[file] = FileCoverage(fileID: file, path: mailboxes.filePaths[file] ?? "", days: days)
        }
    }
}
