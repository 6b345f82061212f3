import Foundation
import MailModel
import PSTWriter
import Store
import TestSupport
import Testing
import Workdays
@testable import Analysis
@testable import Ingest

/// A thread that skips is evidence: Bob writes to Ann twice every business day of 2023-01 to
/// 2023-06. All mail of Wednesday 15 and Thursday 16 March is lost, and so is that of Wednesday
/// 12 and Thursday 13 April. On 20 March Ann answers Bob's message of that morning, whose thread
/// began with Bob's message of 15 March: her reply's References name it (Bob's own message has no
/// In-Reply-To), the store lacks it, and her conversation index dates it. Two quiet days alone look like chance (about four messages
/// were expected); with that trace the March silence is a gap, the April one is not.
@Suite struct ThreadSkipTests {
    static let calendar = BusinessCalendar(years: 2023...2023)
    static let lost: [ClosedRange<Day>] = [Day(2023, 3, 15)...Day(2023, 3, 16), Day(2023, 4, 12)...Day(2023, 4, 13)]

    let scratch = Scratch()
    let store: AnalyticsStore

    init() throws {
        let path = scratch.path("ann.pst")
        let writer = try PSTWriter(path: path, displayName: "Ann Lee")
        var mail = HandMadeMail()
        for day in Day(2023, 1, 2)...Day(2023, 6, 30) where Self.calendar.isBusinessDay(day)
            && !Self.lost.contains(where: { $0.contains(day) }) {
            for hour in [10, 15] {
                try writer.add(mail.note("bob@partner.example", "ann@corp.example", day.start + Int64(hour) * 3600), to: .inbox)
            }
        }
        let first = Day(2023, 3, 15).start + 11 * 3600, bobs = Day(2023, 3, 20).start + 9 * 3600
        let hers = Day(2023, 3, 20).start + 12 * 3600
        // Bob's message carries no In-Reply-To (as when a client drops it): only Ann's reply, through
        // its References, tells of the lost first message.
        try writer.add(mail.note("bob@partner.example", "ann@corp.example", bobs, id: "<p@partner.example>",
                               index: HandMadeMail.conversationIndex(start: first, levels: [bobs])), to: .inbox)
        try writer.add(mail.note("ann@corp.example", "bob@partner.example", hers, inReplyTo: "<p@partner.example>",
                               references: ["<first@partner.example>", "<p@partner.example>"],
                               index: HandMadeMail.conversationIndex(start: first, levels: [bobs, hers])), to: .sentItems)
        try writer.finish()
        store = try AnalyticsStore(path: scratch.path("store.sqlite"))
        _ = try Importer(store: store, options: ImportOptions(paths: [path], custodian: "Ann Lee")).run()
        _ = try TimelineAnalysis.recompute(store, settings: TimelineSettings(),
                                           zones: try ZoneAnalysis.recompute(store, settings: TimelineSettings()))
    }

    @Test func theStoreFindsTheSkippedMessage() throws {
        let skipped = try store.skippedAncestors()
        #expect(skipped.map(\.missing) == ["<first@partner.example>"])
        #expect(skipped.first?.position == 0 && skipped.first?.referenceCount == 2)
        #expect(try store.orphanReplies().isEmpty)
    }

    @Test func aSkippedThreadMakesAShortSilenceAGap() throws {
        let mailbox = try #require(try store.timeline(TimelineQuery(custodian: "Ann Lee", contact: "")).first)
        let march = try #require(mailbox.gaps.first { $0.startDay == "2023-03-15" })
        #expect(march.endDay == "2023-03-16")
        #expect(march.evidence.missingRepliedTo == 1)
        #expect(march.evidence.missingRepliedToExamples.first?.missingMessageID == "<first@partner.example>")
        #expect(march.probability > 1e-4 && march.probability < 0.1)
        #expect(march.context == .suspicious)
        #expect(!mailbox.gaps.contains { $0.startDay == "2023-04-12" })
    }
}
