import MailModel
import Testing
import Workdays

@Suite struct EasterTests {
    /// Published Western Easter dates.
    @Test(arguments: [
        (2000, 4, 23), (2008, 3, 23), (2011, 4, 24), (2019, 4, 21), (2020, 4, 12), (2021, 4, 4),
        (2022, 4, 17), (2023, 4, 9), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2038, 4, 25),
    ])
    func knownDates(_ year: Int, _ month: Int, _ day: Int) {
        #expect(Day.easterSunday(year) == Day(year, month, day))
    }

    @Test func alwaysASundayBetweenMarch22AndApril25() {
        for year in 1583...2500 {
            let easter = Day.easterSunday(year)
            #expect(easter.weekday == 0, "\(year)")
            #expect(easter >= Day(year, 3, 22) && easter <= Day(year, 4, 25), "\(year)")
        }
    }
}
