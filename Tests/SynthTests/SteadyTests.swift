import Workdays
import Foundation
import MailModel
import PSTWriter
import Testing
@testable import Synth

@Suite struct SteadyTests {
    let mailbox = Mailbox.steady

    @Test func defaultSizeAndRange() {
        #expect(mailbox.truth.messages.count == 3_000)
        #expect(mailbox.deliveries.count == 3_000)
        let days = mailbox.messages.compactMap(\.deliveryTime).map { dayString($0) }
        #expect(days.min()! >= "2021-01-01" && days.min()! < "2021-01-15")
        #expect(days.max()! <= "2023-12-31" && days.max()! > "2023-12-15")
        #expect(mailbox.truth.gaps.isEmpty)
        #expect(mailbox.truth.files.count == 1)
        #expect(mailbox.truth.files[0].messageCount == 3_000)
    }

    @Test func weekendsAreNearlySilentAndHolidaysSilent() {
        // Everyone writes on their own local days: a Monday in Tokyo is a Sunday in New York.
        let zones = Dictionary(uniqueKeysWithValues: mailbox.truth.contacts.map { ($0.address, $0.timezone) })
            .merging([mailbox.owner: mailbox.truth.owner.timezone]) { a, _ in a }
        let writers = mailbox.messages.compactMap { message in
            message.submitTime.map { (date: $0, calendar: SynthTests.calendar(in: zones[message.senderAddress!]!)) }
        }
        let daysWithMail = Set(writers.map { dayString($0.date, in: $0.calendar) })
        let weekendDays = dayStrings(from: "2021-01-01", to: "2023-12-31").filter {
            isWeekend(ISO8601DateFormatter().date(from: $0 + "T12:00:00Z")!)
        }
        let weekendWithMail = weekendDays.filter(daysWithMail.contains).count
        // Most weekend days have no mail at all; a few carry a message or two.
        #expect(weekendWithMail > 0)
        #expect(Double(weekendWithMail) / Double(weekendDays.count) < 0.25)
        let holidays = (2021...2023).flatMap { ["\($0)-07-04", "\($0)-12-25", "\($0)-01-01"] }
        #expect(holidays.filter(daysWithMail.contains) == [])
        // Observed holidays that fall on weekdays are silent too.
        let observed = ["2021-07-05", "2021-11-25", "2022-09-05", "2022-12-26", "2023-05-29", "2023-11-23"]
        #expect(observed.filter(daysWithMail.contains) == [])
        // And the working week carries the mail.
        let weekdayMail = writers.filter { ![1, 7].contains(weekday($0.date, in: $0.calendar)) }.count
        #expect(Double(weekdayMail) / Double(writers.count) > 0.95)
    }

    @Test func timesAreWholeSecondsAndIDsAreUnique() {
        for message in mailbox.messages {
            for date in [message.submitTime, message.deliveryTime].compactMap({ $0 }) {
                #expect(date.timeIntervalSince1970 == date.timeIntervalSince1970.rounded())
            }
            #expect(message.submitTime! <= message.deliveryTime!)
            let id = message.messageID!
            #expect(id.hasPrefix("<") && id.hasSuffix(">") && id.contains("@"))
        }
        let ids = mailbox.truth.messages.map(\.messageID)
        #expect(Set(ids).count == ids.count)
    }

    @Test func correspondentsAreSkewedWithManyRareOnes() {
        let humans = mailbox.truth.contacts.filter { ["internal", "external"].contains($0.classification) }
        let volumes = humans.map { $0.sentToOwner + $0.receivedFromOwner }.sorted(by: >)
        let median = volumes[volumes.count / 2]
        #expect(volumes[0] > 5 * median)
        // The top five carry a large share, but no one carries most of it.
        let total = volumes.reduce(0, +)
        #expect(Double(volumes.prefix(5).reduce(0, +)) / Double(total) > 0.35)
        #expect(Double(volumes[0]) / Double(total) < 0.3)
        let oneOffs = mailbox.truth.contacts.filter { $0.classification == "one_off" }
        #expect(oneOffs.count > 20)
        #expect(oneOffs.allSatisfy { $0.sentToOwner == 1 && $0.receivedFromOwner == 0 })
        #expect(mailbox.truth.contacts.contains { $0.classification == "internal" && $0.address.hasSuffix("@northwind.example") })
        #expect(mailbox.truth.contacts.filter { $0.classification == "internal" }.allSatisfy {
            $0.address.hasSuffix("@northwind.example")
        })
    }

    @Test func monthlyCorrespondentWritesOnTheFirstWorkdayOfEachMonth() {
        let reports = mailbox.messages.filter {
            $0.senderAddress == "priya.raman@lucernepublishing.example"
                && ($0.subject ?? "").hasPrefix("Monthly compliance report")
        }
        let months = reports.map { String(dayString($0.submitTime!).prefix(7)) }
        #expect(months.count == 36)
        #expect(Set(months).count == 36)
        let calendar = BusinessCalendar(years: 2021...2023)
        for report in reports {
            let day = localDay(report.submitTime!)
            #expect(calendar.isBusinessDay(day))
            var earlier = Day(day.year, day.month, 1)
            while earlier < day {
                #expect(!calendar.isBusinessDay(earlier))
                earlier = earlier.advanced(by: 1)
            }
        }
    }

    @Test func automatedMailLooksAutomated() {
        let automated = mailbox.messages.filter { message in
            mailbox.truth.contacts.first { $0.address == message.senderAddress }?.classification == "automated"
        }
        #expect(automated.count > 200)
        let newsletters = automated.filter { $0.extraHeaders.contains { $0.hasPrefix("List-Unsubscribe: <") } }
        #expect(!newsletters.isEmpty)
        #expect(newsletters.allSatisfy { $0.extraHeaders.contains("Precedence: bulk") })
        #expect(automated.filter { $0.senderAddress!.hasPrefix("noreply@") }.count > 10)
        #expect(automated.allSatisfy { !$0.extraHeaders.isEmpty })
        let automatedIDs = Set(automated.map(\.messageID))
        let humans = mailbox.messages.filter { !automatedIDs.contains($0.messageID) }
        #expect(humans.allSatisfy { $0.extraHeaders.isEmpty })
    }

    @Test func foldersSpreadAsARealMailboxDoes() {
        var counts: [FolderRole: Int] = [:]
        for delivery in mailbox.deliveries { counts[delivery.folder, default: 0] += 1 }
        #expect(counts[.inbox, default: 0] > 1_000)
        #expect(counts[.sentItems, default: 0] > 500)
        #expect((10..<300).contains(counts[.deletedItems, default: 0]))
        #expect(counts[.other(["Projects", "Falcon"]), default: 0] > 10)
        #expect(counts[.other(["Receipts"]), default: 0] > 10)
        #expect(Set(counts.keys).isSubset(of: Set(mailbox.synthesizer.folders)))
        // Sent Items holds exactly the owner's mail.
        for delivery in mailbox.deliveries {
            #expect((delivery.folder == .sentItems) == (delivery.message.senderAddress == mailbox.owner))
        }
    }

    @Test func ownerRepliesLandInWorkingHours() {
        let byID = Dictionary(uniqueKeysWithValues: mailbox.messages.map { ($0.messageID!, $0) })
        let calendar = BusinessCalendar(years: 2021...2023)
        var waitedOvernight = 0
        let ownerReplies = mailbox.messages.filter { $0.senderAddress == mailbox.owner && $0.inReplyTo != nil }
        #expect(ownerReplies.count > 200)
        for reply in ownerReplies {
            let time = reply.submitTime!
            let day = localDay(time)
            #expect(calendar.isBusinessDay(day))
            #expect((8 * 3600...17 * 3600 + 1800).contains(secondOfDay(time)))
            let parent = byID[reply.inReplyTo!]!
            if dayString(parent.deliveryTime!) != dayString(time) { waitedOvernight += 1 }
            if secondOfDay(parent.deliveryTime!) > 17 * 3600 + 1800 || isWeekend(parent.deliveryTime!) {
                #expect(dayString(time) > dayString(parent.deliveryTime!))
            }
        }
        #expect(waitedOvernight > 20)
        // Correspondents answer in working time too: their own, in their own zones.
        let zones = Dictionary(uniqueKeysWithValues: mailbox.truth.contacts.map { ($0.address, $0.timezone) })
        for reply in mailbox.messages where reply.inReplyTo != nil && reply.senderAddress != mailbox.owner {
            let time = reply.submitTime!
            let theirs = SynthTests.calendar(in: zones[reply.senderAddress!]!)
            #expect(calendar.isBusinessDay(localDay(time, in: theirs)))
            #expect((7 * 3600...19 * 3600).contains(secondOfDay(time, in: theirs)))
        }
    }

    @Test func ownerAnswersAShareOfHumanMail() {
        let answered = Set(mailbox.messages.filter { $0.senderAddress == mailbox.owner }.compactMap(\.inReplyTo))
        let regular = Set(mailbox.truth.contacts.filter { ["internal", "external"].contains($0.classification) }.map(\.address))
        let inbound = mailbox.messages.filter { regular.contains($0.senderAddress!) }
        let share = Double(inbound.filter { answered.contains($0.messageID!) }.count) / Double(inbound.count)
        #expect(share > 0.2 && share < 0.8)
        let threads = mailbox.messages.filter { ($0.references.count) >= 2 }
        #expect(threads.count > 50)
    }
}
