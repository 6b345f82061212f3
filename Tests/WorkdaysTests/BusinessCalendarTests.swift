import MailModel
import Testing
import Workdays

private func day(_ iso: String) -> Day { Day(iso: iso)! }

@Suite struct BusinessCalendarTests {
    @Test func usJuly2023Has20BusinessDays() {
        let calendar = BusinessCalendar(years: 2023...2023)
        #expect(calendar.businessDays(day("2023-07-01")...day("2023-07-31")) == 20)
        #expect(!calendar.isBusinessDay(day("2023-07-04")))
        #expect(calendar.isBusinessDay(day("2023-07-05")))
    }

    @Test func us2023Has249BusinessDays() {
        let calendar = BusinessCalendar(years: 2023...2023)
        #expect(calendar.businessDays(day("2023-01-01")...day("2023-12-31")) == 249)
    }

    @Test func germanyMay2023() {
        // 23 weekdays less Tag der Arbeit, Christi Himmelfahrt and Pfingstmontag.
        let calendar = BusinessCalendar(regions: [.de], years: 2023...2023)
        #expect(calendar.businessDays(day("2023-05-01")...day("2023-05-31")) == 20)
        #expect(calendar.isBusinessDay(day("2023-07-04")))
    }

    @Test func workweekDecidesWhichDaysCount() {
        let sunToThu = BusinessCalendar(workweek: Workweek(parsing: "sun-thu")!, regions: [], years: 2023...2023)
        #expect(sunToThu.isWorkweekDay(day("2023-07-02")))  // Sunday
        #expect(!sunToThu.isWorkweekDay(day("2023-07-07")))  // Friday
        #expect(sunToThu.businessDays(day("2023-07-01")...day("2023-07-31")) == 22)
    }

    @Test func holidaysOnlyForYearsPlusOneEitherSide() {
        let calendar = BusinessCalendar(years: 2023...2023)
        #expect(calendar.isHoliday(day("2022-12-25")))
        #expect(calendar.isHoliday(day("2024-12-25")))
        #expect(!calendar.isHoliday(day("2021-12-24")))  // Christmas 2021 observed
        #expect(!calendar.isHoliday(day("2025-12-25")))
    }

    @Test func regionNamesJoinedWhenDifferent() {
        let calendar = BusinessCalendar(regions: [.us, .uk], years: 2023...2023)
        #expect(calendar.holiday(day("2023-12-25")) == "Christmas Day")
        #expect(calendar.holiday(day("2023-12-26")) == "Boxing Day")
        #expect(calendar.holiday(day("2023-07-04")) == "Independence Day")
        let europe = BusinessCalendar(regions: [.de, .fr], years: 2023...2023)
        #expect(europe.holiday(day("2023-05-18")) == "Christi Himmelfahrt / Ascension")
        #expect(europe.holiday(day("2023-07-14")) == "Fête nationale")
    }

    @Test func customHolidays() {
        let calendar = BusinessCalendar(
            custom: [day("2023-07-03"): "Shutdown", day("2023-07-04"): "Party", day("2030-01-07"): "Far"],
            years: 2023...2023)
        #expect(calendar.holiday(day("2023-07-03")) == "Shutdown")
        #expect(calendar.holiday(day("2023-07-04")) == "Independence Day / Party")
        #expect(calendar.isHoliday(day("2030-01-07")))
        #expect(calendar.businessDays(day("2023-07-01")...day("2023-07-31")) == 19)
    }

    @Test func endOfRun() {
        let calendar = BusinessCalendar(years: 2023...2023)
        #expect(calendar.endOfRun(startingAt: day("2023-07-01"), businessDays: 1) == day("2023-07-03"))
        #expect(calendar.endOfRun(startingAt: day("2023-07-01"), businessDays: 2) == day("2023-07-05"))
        #expect(calendar.endOfRun(startingAt: day("2023-07-03"), businessDays: 1) == day("2023-07-03"))
        #expect(calendar.endOfRun(startingAt: day("2023-12-22"), businessDays: 2) == day("2023-12-26"))
        #expect(calendar.endOfRun(startingAt: day("2023-07-03"), businessDays: 20) == day("2023-07-31"))
    }
}
