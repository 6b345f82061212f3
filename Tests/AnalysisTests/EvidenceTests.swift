import MailModel
import Foundation
import Ingest
import PSTWriter
import Store
import TestSupport
import Testing
import Workdays
@testable import Analysis

/// Evidence and context on a hand-made mailbox: Ann receives Bob's mail and a newsletter every
/// business day and writes to Carol. All mail of 2023-03-13 … 03-24 is lost, yet three of her
/// replies after it answer messages written inside it. During 2023-05-08 … 05-19 she is on
/// leave: she sends nothing, while Bob and the newsletter keep writing. Her sent mail of
/// 2023-06-05 … 06-16 is lost while her incoming mail is kept, and Bob answers two of those
/// lost messages.
@Suite struct EvidenceTests {
    static let lost = Day(2023, 3, 13)...Day(2023, 3, 24)
    static let leave = Day(2023, 5, 8)...Day(2023, 5, 19)
    static let sentLost = Day(2023, 6, 5)...Day(2023, 6, 16)
    static let calendar = BusinessCalendar(years: 2023...2023)

    let scratch = Scratch()
    let store: AnalyticsStore

    init() throws {
        let path = scratch.path("ann.pst")
        let writer = try PSTWriter(path: path, displayName: "Ann Lee")
        var mail = HandMadeMail()
        for day in Day(2023, 1, 2)...Day(2023, 6, 30) where Self.calendar.isBusinessDay(day) && !Self.lost.contains(day) {
            for hour in [9, 11, 13, 15, 16, 17] {
                try writer.add(mail.note("bob@partner.example", "ann@corp.example", day.start + Int64(hour) * 3600), to: .inbox)
            }
            try writer.add(mail.note("news@list.example", "ann@corp.example", day.start + 7 * 3600), to: .inbox)
            if !Self.leave.contains(day), !Self.sentLost.contains(day) {
                for hour in [10, 14, 16] {
                    try writer.add(mail.note("ann@corp.example", "carol@corp.example", day.start + Int64(hour) * 3600),
                                   to: .sentItems)
                }
            }
        }
        // Ann's replies on 2023-03-27 to three of Bob's lost messages, each written inside the gap;
        // and one to a lost message from February, outside any gap.
        for (k, lostDay) in [Day(2023, 3, 16), Day(2023, 3, 22), Day(2023, 3, 24), Day(2023, 2, 1)].enumerated() {
            let written = lostDay.start + 10 * 3600
            let reply = Day(2023, 3, 27).start + Int64(9 + k) * 3600 + 600
            try writer.add(mail.note("ann@corp.example", "bob@partner.example", reply, inReplyTo: "<lost\(k)@partner.example>",
                                   index: HandMadeMail.conversationIndex(start: written, levels: [reply])), to: .sentItems)
        }
        for (k, lostDay) in [Day(2023, 6, 7), Day(2023, 6, 14)].enumerated() {
            let written = lostDay.start + 14 * 3600
            let reply = lostDay.advanced(by: 1).start + 12 * 3600 + 900
            try writer.add(mail.note("bob@partner.example", "ann@corp.example", reply, inReplyTo: "<sent\(k)@corp.example>",
                                   index: HandMadeMail.conversationIndex(start: written, levels: [reply])), to: .inbox)
        }
        try writer.finish()
        store = try AnalyticsStore(path: scratch.path("store.sqlite"))
        _ = try Importer(store: store, options: ImportOptions(paths: [path], custodian: "Ann Lee")).run()
        _ = try TimelineAnalysis.recompute(store, settings: TimelineSettings(),
                                           zones: try ZoneAnalysis.recompute(store, settings: TimelineSettings()))
    }

    func entity(_ contact: String) throws -> TimelineEntityRecord {
        try #require(try store.timeline(TimelineQuery(custodian: "Ann Lee", contact: contact)).first)
    }

    @Test func conversationIndexesDateTheMessagesRepliesAnswer() throws {
        let times = try #require(ConversationTimes.times(Data(HandMadeMail.conversationIndex(start: 1_679_000_000, levels: [1_679_900_000]))))
        #expect(times.count == 2)
        #expect(abs(times[0] - 1_679_000_000) <= 2)
        #expect(abs(times[1] - 1_679_900_000) <= 2)
        #expect(ConversationTimes.times(Data([1, 2, 3])) == nil)
    }

    @Test func repliesIntoTheGapAreItsEvidence() throws {
        let mailbox = try entity("")
        let gap = try #require(mailbox.gaps.first { $0.startDay == "2023-03-13" })
        #expect(gap.endDay == "2023-03-24")
        #expect(gap.businessDays == 10)
        #expect(gap.severity == .critical)
        #expect(gap.context == .suspicious)
        #expect(gap.evidence.missingRepliedTo == 3)
        let examples = gap.evidence.missingRepliedToExamples
        #expect(Set(examples.map(\.missingMessageID))
                == ["<lost0@partner.example>", "<lost1@partner.example>", "<lost2@partner.example>"])
        #expect(Set(examples.map(\.estimatedDate)) == ["2023-03-16", "2023-03-22", "2023-03-24"])
        #expect(gap.evidence.coverage == .full)
        #expect(gap.recommendation.hasPrefix("3 replies in the store answer messages written between 2023-03-13 and 2023-03-24"))
        // Bob's own timeline has the same hole, with the same evidence.
        let bob = try #require(try entity("bob@partner.example").gaps.first { $0.startDay == "2023-03-13" })
        #expect(bob.evidence.missingRepliedTo == 3)
        #expect(mailbox.completenessScore < 95)
    }

    @Test func theOwnersLeaveIsTellFromLostMail() throws {
        let mailbox = try entity("")
        // The mailbox shows the owner's silence as leave: minor, no mail missing.
        let away = try #require(mailbox.gaps.first { $0.endDay >= "2023-05-08" && $0.startDay <= "2023-05-19" })
        #expect(away.startDay == "2023-05-08" && away.endDay == "2023-05-19")
        #expect(away.context == .likelyLeave && away.severity == .minor)
        #expect(away.recommendation.contains("likely leave"))
        let carol = try entity("carol@corp.example")
        let gap = try #require(carol.gaps.first { $0.endDay >= "2023-05-08" && $0.startDay <= "2023-05-19" })
        #expect(gap.startDay == "2023-05-08" && gap.endDay == "2023-05-19")
        #expect(gap.context == .likelyLeave)
        #expect(gap.recommendation.contains("likely leave"))
        #expect(gap.evidence.ownerSent == 0)
        #expect((gap.evidence.mailboxMessages ?? 0) >= 60)
        // Leave is not lost mail: what Carol would have had from Ann in those two weeks is not
        // counted missing (the lost fortnight in March is, and so are Ann's lost sent mail in June).
        let lostGaps = carol.gaps.filter {
            ($0.endDay >= "2023-03-13" && $0.startDay <= "2023-03-24") || ($0.endDay >= "2023-06-05" && $0.startDay <= "2023-06-16")
        }
        #expect(lostGaps.count == 2)
        #expect(carol.missingMessages <= lostGaps.reduce(0) { $0 + $1.expectedMessages } + 0.001)
        #expect(gap.expectedMessages >= 1, "the leave would have weighed")
    }

    /// The owner silent while mail kept arriving, and replies answering the owner's mail of those
    /// days: not leave, lost Sent Items.
    @Test func repliesToTheOwnersLostMailAreNotLeave() throws {
        let mailbox = try entity("")
        let gap = try #require(mailbox.gaps.first { $0.endDay >= "2023-06-05" && $0.startDay <= "2023-06-16" })
        #expect(gap.startDay == "2023-06-05" && gap.endDay == "2023-06-16")
        #expect(gap.context == .suspicious && gap.severity >= .moderate)
        #expect(gap.evidence.missingRepliedTo == 2)
        #expect(gap.recommendation.hasPrefix("Ann Lee sent nothing from 2023-06-05 to 2023-06-16"))
        #expect(gap.recommendation.contains("Sent Items"))
    }
}
