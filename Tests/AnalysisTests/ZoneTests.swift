import Foundation
import MailModel
import Store
import Synth
import Testing
import Workdays
@testable import Analysis

/// Mailbox owners in three zones far apart: the zone is inferred, business hours are the
/// owner's, and the gap calendar runs on the owner's days.
@Suite struct ZoneTests {
    static let owners = ["America/Los_Angeles", "Europe/Berlin", "Asia/Tokyo"]

    @Test(arguments: [Scenario.steady, .gappy], owners)
    func theOwnersZoneIsFoundAndUsed(scenario: Scenario, zone: String) throws {
        let synthetic = try SyntheticStore(scenario, seed: 61, timezone: zone)
        let truth = synthetic.truth
        #expect(truth.owner.timezone == zone)

        let found = try #require(try synthetic.store.mailboxZones().values.first)
        #expect(found.zone == zone)
        #expect(found.source == .inferred)
        // One colleague in five works in a second office: their headers disagree.
        #expect(found.confidence > 0.8, "\(found.evidence)")
        #expect((found.evidence.headerAgreement ?? 0) > 0.8)

        try expectBusinessMedians(synthetic, zone: zone)
        // No gap of moderate severity or above outside what the truth put there.
        for entity in try synthetic.entities {
            for gap in entity.gaps where gap.severity >= .moderate {
                let explained = truth.gaps.contains { gap.endDay >= $0.start && gap.startDay <= $0.end }
                #expect(explained, "\(entity.contact.isEmpty ? "mailbox" : entity.contact): \(gap.startDay)…\(gap.endDay)")
            }
        }
        if scenario == .gappy {
            // Every injected gap of a week or more is found on the owner's own days.
            for gap in truth.gaps where gap.kind == "gap" && gap.businessDays >= 5 {
                let mailbox = try synthetic.mailbox
                #expect(mailbox.gaps.contains { $0.startDay <= gap.end && $0.endDay >= gap.start }, "\(gap.start)")
            }
        }
    }

    /// Each contact's business-hours response medians, both ways, within 1% of a count made
    /// from the truth on the owner's wall clock (08:00-18:00 on business days), with
    /// Foundation's calendar for the zone.
    func expectBusinessMedians(_ synthetic: SyntheticStore, zone: String) throws {
        let truth = synthetic.truth
        var clock = Calendar(identifier: .gregorian)
        clock.timeZone = try #require(TimeZone(identifier: zone))
        let business = BusinessCalendar(years: 2020...2024)
        func wall(_ iso: String) -> (day: Day, second: Int) {
            let formatter = ISO8601DateFormatter()
            let date = formatter.date(from: iso)!
            let c = clock.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            return (Day(c.year!, c.month!, c.day!), c.hour! * 3600 + c.minute! * 60 + c.second!)
        }
        func businessHours(from start: String, to end: String) -> Double {
            let a = wall(start), b = wall(end)
            var total = 0
            var day = a.day
            while day <= b.day {
                if business.isBusinessDay(day) {
                    let from = max(8 * 3600, day == a.day ? a.second : 0)
                    let to = min(18 * 3600, day == b.day ? b.second : 86_400)
                    total += max(0, to - from)
                }
                day = day.advanced(by: 1)
            }
            return Double(total) / 3600
        }
        let byID = Dictionary(uniqueKeysWithValues: truth.messages.map { ($0.messageID, $0) })
        var owner: [String: [Double]] = [:], theirs: [String: [Double]] = [:]
        for pair in truth.replyPairs {
            guard let parent = byID[pair.parentMessageID], let reply = byID[pair.replyMessageID],
                  let asked = parent.submitTime, let answered = reply.submitTime else { continue }
            let hours = businessHours(from: asked, to: answered)
            if pair.replier == truth.owner.address {
                owner[parent.senderAddress!, default: []].append(hours)
            } else {
                theirs[pair.replier, default: []].append(hours)
            }
        }
        let profiles = Dictionary(uniqueKeysWithValues: try synthetic.store.senderProfiles().map { ($0.email, $0) })
        var compared = 0
        for (address, delays) in owner {
            let median = try #require(SenderAccuracyTests.sortedMedian(delays))
            let ours = try #require(profiles[address]?.ownerResponseBusinessMedianHours, "\(address)")
            #expect(abs(ours - median) <= max(0.01 * median, 0.001), "\(address): \(ours) vs \(median)")
            compared += 1
        }
        for (address, delays) in theirs {
            let median = try #require(SenderAccuracyTests.sortedMedian(delays))
            let ours = try #require(profiles[address]?.contactResponseBusinessMedianHours, "\(address)")
            #expect(abs(ours - median) <= max(0.01 * median, 0.001), "\(address): \(ours) vs \(median)")
            compared += 1
        }
        #expect(compared >= 20)
    }

    @Test func theUsersZoneOverridesTheEvidence() throws {
        let synthetic = try SyntheticStore(.steady, messages: 600, seed: 62, timezone: "Europe/Berlin")
        let custodian = try #require(try synthetic.store.mailboxZones().keys.first)
        var settings = TimelineSettings()
        settings.timezones = [custodian: "Asia/Kolkata"]
        let zones = try ZoneAnalysis.recompute(synthetic.store, settings: settings)
        #expect(zones.zone(of: custodian).identifier == "Asia/Kolkata")
        let found = try #require(try synthetic.store.mailboxZones()[custodian])
        #expect(found.zone == "Asia/Kolkata")
        #expect(found.source == .override)
        // The evidence is still shown: it points elsewhere.
        #expect(found.evidence.offsets["+01:00", default: 0] > 0)
        #expect(TimelineSettings(stored: settings.stored).timezones == settings.timezones)
    }

    @Test func withoutHeadersTheSendingHoursDecide() {
        // 360 messages sent hourly from 09:00 to 17:00 in Tokyo (00:00-08:00 UTC), no headers.
        var tally = ZoneTally()
        for day in 0..<40 {
            for hour in 0...8 {
                let facts = ZoneFacts(sourceFileID: 1, sentAt: Day(2023, 1, 2).advanced(by: day).start + Int64(hour * 3600),
                                      dateOffset: nil, sender: "a@b.example")
                tally.add(facts, fromOwner: true, fromColleague: false)
            }
        }
        let found = ZoneInference.infer(tally)
        #expect(found.zone.offset(at: Day(2023, 1, 2).start) == 9 * 3600)
        #expect(found.source == .inferred)
        #expect(found.confidence <= 0.5)
    }

    @Test func noEvidenceMeansUTC() {
        let found = ZoneInference.infer(ZoneTally())
        #expect(found.zone == .utc)
        #expect(found.source == .default)
        #expect(found.confidence == 0)
    }

    @Test func daylightSavingTimeTellsZonesWithOneWinterOffsetApart() {
        // -07:00 all year is Phoenix; -07:00 in winter and -06:00 in summer is Denver.
        var tally = ZoneTally()
        for month in 1...12 {
            let time = Day(2023, month, 10).start + 17 * 3600
            let offset = (4...10).contains(month) ? -360 : -420
            for _ in 0..<5 {
                tally.add(ZoneFacts(sourceFileID: 1, sentAt: time, dateOffset: UTCOffset(minutes: offset), sender: "x"),
                          fromOwner: true, fromColleague: false)
            }
        }
        #expect(ZoneInference.infer(tally).zone.identifier == "America/Denver")
    }
}
