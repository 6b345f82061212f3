import Foundation
import Workdays
import MailModel

/// A gap with its severity, context, evidence and advice.
struct ExplainedGap: Sendable {
    var run: SilentRun
    var severity: Severity
    var context: GapContext
    var evidence: GapEvidence
    var recommendation: String
}

/// One custodian's mailbox, modelled once, and the explanation of its own gaps and of the
/// gaps of its contacts.
struct MailboxContext {
    let custodian: String
    let calendar: BusinessCalendar
    let series: DailySeries?
    let model: RateModel?
    let runs: [SilentRun]
    /// Silences of incoming mail alone, while the owner kept sending, and of the owner's own mail
    /// alone, while mail kept arriving: outside `runs`.
    let incomingRuns: [SilentRun]
    let outgoingRuns: [SilentRun]
    let files: [FileCoverage]
    /// Replies whose parent is absent, by the day the parent was written.
    let orphans: [Int: [(reply: OrphanReplyFacts, participants: [String])]]
    /// The share of the mailbox's mail that the owner sent.
    let ownerShare: Double

    struct OrphanReplyFacts {
        var missingMessageID: String
        var replyMessageID: String?
        var replyDate: Int64?
        var parentDay: Day
    }

    init(tally: Tally, custodian index: Int, calendar: BusinessCalendar, zone: Zone) {
        custodian = tally.mailboxes.custodians[index]
        self.calendar = calendar
        // An absent message counts once, however many later replies name it.
        var named = Set<String>()
        let absent = tally.orphansByCustodian[index].filter { named.insert($0.reply.inReplyTo).inserted }
        let orphans = Dictionary(grouping: absent.map { entry in
            (reply: OrphanReplyFacts(missingMessageID: entry.reply.inReplyTo, replyMessageID: entry.reply.internetMessageID,
                                     replyDate: entry.reply.date, parentDay: zone.day(containing: entry.parentTime)),
             participants: entry.participants)
        }, by: \.reply.parentDay.index)
        self.orphans = orphans
        series = tally.mailboxSeries[index].build()
        if let series {
            let repliesInto = { (days: ClosedRange<Day>) in days.reduce(0) { $0 + (orphans[$1.index]?.count ?? 0) } }
            let detected = GapDetector.detect(series, calendar: calendar, repliesInto: repliesInto)
            model = detected.model
            runs = detected.runs
            incomingRuns = Self.oneSidedSilences(series, .incoming, calendar: calendar, besides: detected.runs,
                                                 repliesInto: repliesInto)
            outgoingRuns = Self.oneSidedSilences(series, .outgoing, calendar: calendar, besides: detected.runs,
                                                 repliesInto: repliesInto)
            let total = series.total
            ownerShare = total > 0 ? Double(series.fromOwner.reduce(0) { $0 + Int($1) }) / Double(total) : 0
        } else {
            model = nil
            runs = []
            incomingRuns = []
            outgoingRuns = []
            ownerShare = 0
        }
        // In the order of their dates, then paths: file ids depend on which of two files read at
        // once was opened first, and the evidence must not.
        files = tally.mailboxes.fileCustodian.filter { $0.value == index }.keys.compactMap { tally.coverage[$0] }
            .sorted { ($0.runs.first?.days.lowerBound.index ?? 0, $0.path, $0.fileID)
                      < ($1.runs.first?.days.lowerBound.index ?? 0, $1.path, $1.fileID) }
    }

    /// Below this probability a silence is serious on its own; above it (still under the
    /// detection threshold) only evidence makes it more than minor: among the thousands of
    /// candidate silences of many mailboxes, chance alone reaches one in ten thousand now and then.
    static let seriousWithoutEvidence = log(1e-6)

    enum Side { case incoming, outgoing }

    /// Runs in which one side of the mailbox fell silent while the other went on: nobody wrote to
    /// the owner while the owner kept sending, or the owner sent nothing while mail kept arriving.
    /// Away from the span's edges and from the mailbox's own silences.
    private static func oneSidedSilences(_ series: DailySeries, _ side: Side, calendar: BusinessCalendar,
                                         besides runs: [SilentRun],
                                         repliesInto: (ClosedRange<Day>) -> Int) -> [SilentRun] {
        let incoming = zip(series.counts, series.fromOwner).map { $0 - $1 }
        let silent = DailySeries(first: series.first, counts: side == .incoming ? incoming : series.fromOwner,
                                 fromOwner: series.fromOwner.map { _ in 0 }, undated: 0)
        return GapDetector.detect(silent, calendar: calendar, repliesInto: repliesInto).runs.filter { run in
            let other = side == .incoming ? series.ownerCount(in: run.days)
                : series.count(in: run.days) - series.ownerCount(in: run.days)
            return run.days.lowerBound > series.first && run.days.upperBound < series.last && other > 0
                && !runs.contains { $0.days.overlaps(run.days) }
        }
    }

    func explainMailbox() -> [ExplainedGap] {
        (runs.map(explainSilence) + incomingRuns.map(explainIncomingSilence) + outgoingRuns.map(explainOutgoingSilence))
            .sorted { $0.run.days.lowerBound < $1.run.days.lowerBound }
    }

    /// The owner silent while mail kept arriving: leave, unless replies answer mail of the owner's
    /// from those days that the store lacks (the Sent Items of those dates are missing).
    private func explainOutgoingSilence(_ run: SilentRun) -> ExplainedGap {
        let evidence = oneSidedEvidence(run)
        guard evidence.missingRepliedTo > 0 else {
            return ExplainedGap(run: run, severity: .minor, context: .likelyLeave, evidence: evidence,
                                recommendation: Recommendation.ownerSilent(custodian: custodian))
        }
        var severity = Severity(expected: run.expected, businessDays: run.businessDays)
        if run.logProbability > Self.seriousWithoutEvidence, evidence.missingRepliedTo < 2 { severity = min(severity, .moderate) }
        return ExplainedGap(run: run, severity: severity, context: .suspicious, evidence: evidence,
                            recommendation: Recommendation.sentStopped(
                                run.reported, replies: evidence.missingRepliedTo, received: evidence.mailboxMessages ?? 0,
                                custodian: custodian))
    }

    private func explainIncomingSilence(_ run: SilentRun) -> ExplainedGap {
        let evidence = oneSidedEvidence(run)
        var severity = Severity(expected: run.expected, businessDays: run.businessDays)
        if evidence.missingRepliedTo == 0, run.logProbability > Self.seriousWithoutEvidence { severity = .minor }
        return ExplainedGap(run: run, severity: severity, context: .suspicious, evidence: evidence,
                            recommendation: Recommendation.incomingStopped(
                                run.reported, ownerSent: evidence.ownerSent ?? 0, expected: run.expected,
                                custodian: custodian))
    }

    /// A one-sided silence's evidence, with the mailbox's mail and the owner's on its days.
    private func oneSidedEvidence(_ run: SilentRun) -> GapEvidence {
        var evidence = baseEvidence(run, contact: nil, coverage: CoverageCheck(run.reported, files: files))
        evidence.mailboxMessages = series?.count(in: run.days) ?? 0
        evidence.ownerSent = series?.ownerCount(in: run.days) ?? 0
        return evidence
    }

    private func explainSilence(_ run: SilentRun) -> ExplainedGap {
        let coverage = CoverageCheck(run.reported, files: files)
        let evidence = baseEvidence(run, contact: nil, coverage: coverage)
        var severity = Severity(expected: run.expected, businessDays: run.businessDays)
        if evidence.missingRepliedTo == 0, coverage.uncovered.isEmpty, run.logProbability > Self.seriousWithoutEvidence {
            severity = .minor
        }
        if !coverage.uncovered.isEmpty {
            return ExplainedGap(run: run, severity: severity, context: .suspicious, evidence: evidence,
                                recommendation: Recommendation.uncovered(
                                    coverage.uncovered, custodian: custodian, silentFiles: coverage.covering.count))
        }
        if evidence.missingRepliedTo > 0 {
            return ExplainedGap(run: run, severity: severity, context: .suspicious, evidence: evidence,
                                recommendation: Recommendation.repliesPointIn(
                                    evidence.missingRepliedTo, range: run.reported, custodian: custodian, contact: nil))
        }
        if let calm = calmExplanation(run) {
            return ExplainedGap(run: run, severity: .minor, context: calm.0, evidence: evidence, recommendation: calm.1)
        }
        // Leave stops what the owner sends, not what others send; a mailbox whose incoming
        // mail stops too has lost mail, unless little was expected to arrive anyway.
        let incoming = run.expected * (1 - ownerShare)
        if incoming < 5 {
            return ExplainedGap(run: run, severity: severity, context: .likelyLeave, evidence: evidence,
                                recommendation: Recommendation.leave(files: coverage.covering.count,
                                                                     custodian: custodian, contact: nil))
        }
        return ExplainedGap(run: run, severity: severity, context: .suspicious, evidence: evidence,
                            recommendation: Recommendation.silentFiles(
                                coverage.covering.count, expected: run.expected, custodian: custodian))
    }

    func explainContact(_ contact: String, series: DailySeries, mailboxGaps: [ExplainedGap]) -> [ExplainedGap] {
        GapDetector.detect(series, calendar: calendar).runs.map { run in
            var evidence = baseEvidence(run, contact: contact, coverage: CoverageCheck(run.reported, files: files))
            let severity = Severity(expected: run.expected, businessDays: run.businessDays)
            if let outer = mailboxGaps.first(where: { $0.severity >= .moderate && $0.run.days.overlaps(run.days) }),
               mostlyInside(run, outer.run) {
                evidence.mailboxGap = .init(from: outer.run.reported.lowerBound.description,
                                            to: outer.run.reported.upperBound.description)
                return ExplainedGap(run: run, severity: severity, context: outer.context, evidence: evidence,
                                    recommendation: Recommendation.insideMailboxGap(outer.run.reported, outer.recommendation))
            }
            if evidence.missingRepliedTo > 0 {
                return ExplainedGap(run: run, severity: severity, context: .suspicious, evidence: evidence,
                                    recommendation: Recommendation.repliesPointIn(
                                        evidence.missingRepliedTo, range: run.reported, custodian: custodian,
                                        contact: contact))
            }
            if let calm = calmExplanation(run) {
                return ExplainedGap(run: run, severity: .minor, context: calm.0, evidence: evidence, recommendation: calm.1)
            }
            let mailboxMail = self.series?.count(in: run.days) ?? 0
            let ownerSent = self.series?.ownerCount(in: run.days) ?? 0
            evidence.mailboxMessages = mailboxMail
            evidence.ownerSent = ownerSent
            if ownerSent == 0, mailboxMail > 0, expectedOwnerMail(run) >= 5 {
                return ExplainedGap(run: run, severity: severity, context: .likelyLeave, evidence: evidence,
                                    recommendation: Recommendation.leave(files: 0, custodian: custodian, contact: contact))
            }
            return ExplainedGap(run: run, severity: .minor, context: .quietCorrespondent, evidence: evidence,
                                recommendation: Recommendation.quiet(contact: contact))
        }
    }

    /// Whether most of a contact's silent business days fall inside the mailbox's gap.
    private func mostlyInside(_ run: SilentRun, _ outer: SilentRun) -> Bool {
        let low = max(run.days.lowerBound, outer.days.lowerBound), high = min(run.days.upperBound, outer.days.upperBound)
        return low <= high && 2 * calendar.businessDays(low...high) >= run.businessDays
    }

    /// Weekend and holiday silences: short, and explained by the calendar.
    private func calmExplanation(_ run: SilentRun) -> (GapContext, String)? {
        if !run.holidays.isEmpty, run.businessDays <= 2 { return (.holiday, Recommendation.holiday(run.holidays)) }
        if run.businessDays <= 1, run.days.contains(where: { !calendar.isWorkweekDay($0) }) {
            return (.weekend, Recommendation.weekend)
        }
        return nil
    }

    /// What the owner would have sent on the run's days, at their pace around it.
    private func expectedOwnerMail(_ run: SilentRun) -> Double {
        guard let series else { return 0 }
        let before = run.days.lowerBound.advanced(by: -28)...run.days.lowerBound.advanced(by: -1)
        let after = run.days.upperBound.advanced(by: 1)...run.days.upperBound.advanced(by: 28)
        let sent = series.ownerCount(in: before) + series.ownerCount(in: after)
        let days = calendar.businessDays(before) + calendar.businessDays(after)
        return days > 0 ? Double(sent) / Double(days) * Double(run.businessDays) : 0
    }

    private func baseEvidence(_ run: SilentRun, contact: String?, coverage: CoverageCheck) -> GapEvidence {
        let pointing = run.days.flatMap { orphans[$0.index] ?? [] }.filter { entry in
            contact.map(entry.participants.contains) ?? true
        }
        return GapEvidence(
            missingRepliedTo: pointing.count,
            missingRepliedToExamples: pointing.prefix(GapEvidence.examplesKept).map { entry in
                .init(missingMessageID: entry.reply.missingMessageID, estimatedDate: entry.reply.parentDay.description,
                      replyMessageID: entry.reply.replyMessageID, replyDate: entry.reply.replyDate.map(iso8601))
            },
            coveringFiles: coverage.covering.map { file in
                let run = file.runs.first { $0.days.overlaps(run.reported) }!
                return .init(path: file.path, from: run.days.lowerBound.description, to: run.days.upperBound.description)
            },
            coverage: coverage.isUncovered ? .none : coverage.isCovered ? .full : .partial,
            uncoveredRanges: coverage.uncovered.map { .init(from: $0.lowerBound.description, to: $0.upperBound.description) })
    }
}
