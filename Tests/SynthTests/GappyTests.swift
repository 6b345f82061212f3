import Workdays
import Foundation
import MailModel
import Testing
@testable import Synth

@Suite struct GappyTests {
    let mailbox = Mailbox.gappy

    var gaps: [Truth.Gap] { mailbox.truth.gaps.filter { $0.kind == "gap" } }
    var leave: Truth.Gap { mailbox.truth.gaps.first { $0.kind == "leave" }! }

    @Test func gapsHaveVariedLengthsAcrossWeekendsAndHolidays() {
        #expect(gaps.map(\.businessDays).sorted() == [3, 5, 5, 8, 15, 30])
        #expect(mailbox.truth.gaps.filter { $0.kind == "leave" }.count == 1)
        let calendar = BusinessCalendar(years: 2021...2023)
        var spansWeekend = 0, spansHoliday = 0
        for gap in gaps {
            let days = dayStrings(from: gap.start, to: gap.end).map(CalendarTests.day)
            #expect(calendar.businessDays(days.first!...days.last!) == gap.businessDays)
            #expect(calendar.isBusinessDay(days.first!) && calendar.isBusinessDay(days.last!))
            if days.contains(where: \.isWeekend) { spansWeekend += 1 }
            if days.contains(where: { !$0.isWeekend && calendar.isHoliday($0) }) { spansHoliday += 1 }
        }
        #expect(spansWeekend >= 4)
        #expect(spansHoliday >= 3)
        let leaveDays = dayStrings(from: leave.start, to: leave.end)
        #expect((14...21).contains(leaveDays.count))
        // Gaps and leave do not overlap, and they are in date order.
        let starts = mailbox.truth.gaps.map(\.start)
        #expect(starts == starts.sorted())
        for (a, b) in zip(mailbox.truth.gaps, mailbox.truth.gaps.dropFirst()) { #expect(a.end < b.start) }
    }

    @Test func noMailAtAllInsideAGap() {
        let gapDays = Set(gaps.flatMap { dayStrings(from: $0.start, to: $0.end) })
        #expect(gapDays.count > 80)
        let inGap = mailbox.messages.filter { message in
            [message.submitTime, message.deliveryTime].compactMap { $0 }.contains { gapDays.contains(dayString($0)) }
        }
        #expect(inGap.map(\.messageID) == [])
        #expect(mailbox.truth.messages.filter { gapDays.contains(dayString($0.deliveryTime!)) }.count == 0)
        // Mail does exist right up to each gap and right after it, within a week.
        let days = Set(mailbox.messages.map { dayString($0.deliveryTime!) })
        for gap in gaps {
            let before = dayStrings(from: shift(gap.start, -7), to: shift(gap.start, -1))
            let after = dayStrings(from: shift(gap.end, 1), to: shift(gap.end, 7))
            #expect(before.contains(where: days.contains), "\(gap.start)")
            #expect(after.contains(where: days.contains), "\(gap.end)")
        }
    }

    /// Incoming mail is lost for two weeks while the owner's own is kept.
    @Test func onlyTheOwnersMailInsideTheInboundGap() throws {
        let inbound = try #require(mailbox.truth.gaps.first { $0.kind == "inbound" })
        #expect(inbound.businessDays == 10)
        let days = Set(dayStrings(from: inbound.start, to: inbound.end))
        let during = mailbox.truth.messages.filter { days.contains(dayString($0.deliveryTime!)) }
        #expect(during.count > 10)
        #expect(during.allSatisfy { $0.senderAddress == mailbox.owner })
        // Some of the owner's answers there reply to mail the archive lost, and say so.
        #expect(during.contains { $0.parentLostInGap == inbound.start })
    }

    @Test func onlyAutomatedMailDuringLeave() {
        let leaveDays = Set(dayStrings(from: leave.start, to: leave.end))
        let during = mailbox.truth.messages.filter { leaveDays.contains(dayString($0.deliveryTime!)) }
        #expect(during.count > 10)
        #expect(during.allSatisfy { $0.automated })
        #expect(!during.contains { $0.folder == "Sent Items" || $0.senderAddress == mailbox.owner })
        // The owner answers mail from before the leave only after it.
        let sentAfter = mailbox.truth.messages.filter {
            $0.senderAddress == mailbox.owner && dayString($0.submitTime!) > leave.end
        }
        #expect(!sentAfter.isEmpty)
    }

    /// Replies written after a gap can point at messages lost inside it: evidence for the
    /// gap analysis, and absent from the reply pairs.
    @Test func repliesAfterAGapPointAtLostMessages() {
        let ids = Set(mailbox.truth.messages.map(\.messageID))
        let orphans = mailbox.truth.messages.filter { $0.inReplyTo.map { !ids.contains($0) } ?? false }
        #expect(!orphans.isEmpty)
        let paired = Set(mailbox.truth.replyPairs.map(\.replyMessageID))
        #expect(orphans.allSatisfy { !paired.contains($0.messageID) })
        // The truth names the gap each one's parent was lost in: a whole gap, or the inbound one.
        let losses = mailbox.truth.gaps.filter { $0.kind == "gap" || $0.kind == "inbound" }
        #expect(orphans.allSatisfy { orphan in losses.contains { $0.start == orphan.parentLostInGap } })
        #expect(orphans.contains { orphan in gaps.contains { $0.start == orphan.parentLostInGap } })
        for orphan in orphans {
            let day = dayString(orphan.submitTime!)
            let loss = losses.first { $0.start == orphan.parentLostInGap }!
            // After a whole gap, within two weeks; in or after an inbound gap (the owner's mail is kept).
            let earliest = loss.kind == "gap" ? shift(loss.end, 1) : loss.start
            #expect(earliest <= day && day <= shift(loss.end, 14), "\(day)")
        }
    }

    private func shift(_ day: String, _ days: Int) -> String {
        Day(index: CalendarTests.day(day).index + days).description
    }
}
