import Foundation
import MailModel
import Testing
import Workdays
@testable import Analysis
@testable import Synth

/// A tally keeps its first mail as a list and only then a weekday × hour table: the record must
/// be the same on either side of that switch, against counts made here with Foundation's calendar.
struct ActivityTallyTests {
    @Test(arguments: [1, 19, 20, 21, 250])
    func recordCountsEveryMessageByWeekdayAndHour(messages: Int) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var random = SeededRandom(seed: UInt64(messages))
        var tally = ActivityTally()
        var sent = Array(repeating: Array(repeating: 0, count: 24), count: 7)
        var received = sent
        for _ in 0..<messages {
            // Any second of 2022, counted in UTC like the tally's local wall times.
            let wall = 1_640_995_200 + Int64(random.next() % (365 * 86_400))
            let fromOwner = random.next() % 3 == 0
            tally.add(wall: wall, fromOwner: fromOwner, calendar: BusinessCalendar(years: 2022...2022))
            let parts = calendar.dateComponents([.weekday, .hour], from: Date(timeIntervalSince1970: TimeInterval(wall)))
            let weekday = parts.weekday! - 1, hour = parts.hour!  // Foundation: 1 = Sunday
            if fromOwner { sent[weekday][hour] += 1 } else { received[weekday][hour] += 1 }
        }
        let record = tally.record(custodian: "owner@example.com", contact: "")
        #expect(tally.total == messages)
        #expect(record.sent.counts == sent)
        #expect(record.received.counts == received)
        #expect(record.messages == messages)
    }
}
