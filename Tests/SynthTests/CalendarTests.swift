import Workdays
import Foundation
import MailModel
import Testing
@testable import Synth

@Suite struct CalendarTests {
    @Test func dayArithmeticAgreesWithFoundation() {
        // Every day from 1999 to 2031, including leap days and century rules.
        var date = ISO8601DateFormatter().date(from: "1999-01-01T00:00:00Z")!
        var day = Day(1999, 1, 1)
        for _ in 0..<(33 * 366) {
            #expect(day.description == dayString(date, in: utc))
            #expect(day.weekday == weekday(date, in: utc) - 1)
            #expect(day.start == Int64(date.timeIntervalSince1970))
            let c = utc.dateComponents([.year, .month, .day], from: date)
            #expect(Day(c.year!, c.month!, c.day!) == day)
            date = date.addingTimeInterval(86_400)
            day = day.advanced(by: 1)
        }
    }

    @Test func timestampsAreISO8601InUTC() {
        let time: Int64 = 1_700_000_000
        #expect(iso8601(time) == "2023-11-14T22:13:20Z")
        #expect(unixSeconds(iso8601(time)) == time)
        #expect(Day(containing: -1).description == "1969-12-31")
    }

    /// The published OPM lists of observed federal holidays for 2021–2023.
    @Test func usFederalHolidaysAsObserved() {
        let calendar = BusinessCalendar(years: 2021...2023)
        let observed = [
            "2021-01-01", "2021-01-18", "2021-02-15", "2021-05-31", "2021-06-18", "2021-07-05", "2021-09-06",
            "2021-10-11", "2021-11-11", "2021-11-25", "2021-12-24", "2021-12-31",
            "2022-01-17", "2022-02-21", "2022-05-30", "2022-06-20", "2022-07-04", "2022-09-05", "2022-10-10",
            "2022-11-11", "2022-11-24", "2022-12-26",
            "2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19", "2023-07-04", "2023-09-04",
            "2023-10-09", "2023-11-10", "2023-11-23", "2023-12-25",
        ]
        let weekdayHolidays = dayStrings(from: "2021-01-01", to: "2023-12-31").filter { text in
            let day = Self.day(text)
            return !day.isWeekend && calendar.isHoliday(day)
        }
        #expect(weekdayHolidays == observed)
        // The holiday itself is quiet too when it falls on a weekend.
        #expect(calendar.isHoliday(Day(2021, 7, 4)))
        #expect(calendar.isHoliday(Day(2021, 12, 25)))
        #expect(!calendar.isBusinessDay(Day(2021, 7, 5)))
        #expect(calendar.isBusinessDay(Day(2021, 7, 6)))
    }

    @Test func runsOfBusinessDaysSkipWeekendsAndHolidays() {
        let calendar = BusinessCalendar(years: 2021...2023)
        // Thu 2021-02-11, Fri 12, (weekend), Mon 15 Washington's Birthday, Tue 16.
        #expect(calendar.endOfRun(startingAt: Day(2021, 2, 11), businessDays: 3) == Day(2021, 2, 16))
        #expect(calendar.businessDays(Day(2021, 2, 11)...Day(2021, 2, 16)) == 3)
        #expect(calendar.businessDays(Day(2023, 7, 3)...Day(2023, 7, 21)) == 14)
    }

    @Test func repliesWaitForWorkingHours() {
        let clock = WorkingClock(calendar: BusinessCalendar(years: 2023...2023), away: [])
        let hours = WorkingHours(from: 8, to: 17.5)
        let friday = Day(2023, 3, 10).start
        // Friday 17:00 plus two working hours: half an hour on Friday, then Monday from 08:00.
        #expect(iso8601(clock.advance(friday + 17 * 3600, by: 7200, hours: hours, zone: .utc)) == "2023-03-13T09:30:00Z")
        // Sent overnight: the clock starts at 08:00.
        #expect(iso8601(clock.advance(friday + 3 * 3600, by: 600, hours: hours, zone: .utc)) == "2023-03-10T08:10:00Z")
        // Monday 2023-07-03 evening: Independence Day is skipped.
        let monday = Day(2023, 7, 3).start
        #expect(iso8601(clock.advance(monday + 20 * 3600, by: 1800, hours: hours, zone: .utc)) == "2023-07-05T08:30:00Z")
        // Leave is skipped as well.
        let away = WorkingClock(calendar: BusinessCalendar(years: 2023...2023),
                                away: Set((Day(2023, 3, 13)...Day(2023, 3, 17)).map(\.index)))
        #expect(iso8601(away.advance(friday + 17 * 3600, by: 7200, hours: hours, zone: .utc)) == "2023-03-20T09:30:00Z")
    }

    @Test func workingTimeIsLocalAcrossAChangeOfClocks() throws {
        let clock = WorkingClock(calendar: BusinessCalendar(years: 2023...2023), away: [])
        let hours = WorkingHours(from: 8, to: 17.5)
        let losAngeles = try #require(Zone(identifier: "America/Los_Angeles"))
        // Friday 2023-03-10 17:00 PST is 2023-03-11T01:00Z; clocks go forward on Sunday 12 March,
        // so Monday 09:30 is PDT, -07:00.
        let fridayEvening = Day(2023, 3, 11).start + 3600
        #expect(iso8601(clock.advance(fridayEvening, by: 7200, hours: hours, zone: losAngeles)) == "2023-03-13T16:30:00Z")
        // Tokyo has no daylight saving time: Monday 08:10 is Sunday 23:10 UTC.
        let tokyo = try #require(Zone(identifier: "Asia/Tokyo"))
        let saturday = Day(2023, 3, 11).start
        #expect(iso8601(clock.advance(saturday, by: 600, hours: hours, zone: tokyo)) == "2023-03-12T23:10:00Z")
    }

    static func day(_ text: String) -> Day {
        let parts = text.split(separator: "-").map { Int($0)! }
        return Day(parts[0], parts[1], parts[2])
    }
}
