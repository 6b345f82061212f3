import MailModel
import Testing
import Workdays

private func dates(_ region: HolidayRegion, _ year: Int) -> [String] {
    BusinessCalendar.holidays(region, year: year).map(\.day.description)
}

private func name(_ region: HolidayRegion, _ iso: String) -> String? {
    let day = Day(iso: iso)!
    return BusinessCalendar.holidays(region, year: day.year).first { $0.day == day }?.name
}

@Suite struct HolidayRegionTests {
    @Test func names() {
        #expect(HolidayRegion(name: "US") == .us)
        #expect(HolidayRegion(name: "uk") == .uk)
        #expect(HolidayRegion(name: "Gb") == .uk)
        #expect(HolidayRegion(name: "de") == .de)
        #expect(HolidayRegion(name: "FR") == .fr)
        #expect(HolidayRegion(name: "en") == nil)
        #expect(HolidayRegion(name: "xx") == nil)
        #expect(HolidayRegion(name: "") == nil)
    }

    @Test func titles() {
        #expect(HolidayRegion.us.title == "United States federal holidays")
        #expect(HolidayRegion.uk.title == "England and Wales bank holidays")
        #expect(HolidayRegion.de.title == "Germany national public holidays")
        #expect(HolidayRegion.fr.title == "France public holidays")
    }

    @Test func sortedByDate() {
        for region in HolidayRegion.allCases {
            let days = BusinessCalendar.holidays(region, year: 2024).map(\.day)
            #expect(days == days.sorted())
            #expect(Set(days).count == days.count)
            #expect(days.allSatisfy { $0.year == 2024 })
        }
    }
}

@Suite struct UnitedStatesTests {
    @Test func year2023() {
        #expect(dates(.us, 2023) == [
            "2023-01-01", "2023-01-02", "2023-01-16", "2023-02-20", "2023-05-29", "2023-06-19",
            "2023-07-04", "2023-09-04", "2023-10-09", "2023-11-10", "2023-11-11", "2023-11-23", "2023-12-25",
        ])
        #expect(name(.us, "2023-06-19") == "Juneteenth National Independence Day")  // a Monday
    }

    @Test func observedAndActualBothHolidays() {
        #expect(name(.us, "2021-07-04") == "Independence Day")
        #expect(name(.us, "2021-07-05") == "Independence Day (observed)")
        #expect(name(.us, "2022-06-19") == "Juneteenth National Independence Day")
        #expect(name(.us, "2022-06-20") == "Juneteenth National Independence Day (observed)")
        #expect(name(.us, "2021-06-18") == "Juneteenth National Independence Day (observed)")
    }

    @Test func newYearObservedInPreviousYear() {
        #expect(name(.us, "2021-12-31") == "New Year's Day (observed)")
        #expect(name(.us, "2022-01-01") == "New Year's Day")
    }

    @Test func noJuneteenthBefore2021() {
        #expect(name(.us, "2020-06-19") == nil)
        #expect(!dates(.us, 2020).contains { $0.hasPrefix("2020-06") })
    }

    @Test func thanksgivingAndMemorialDay() {
        #expect(name(.us, "2023-11-23") == "Thanksgiving Day")
        #expect(name(.us, "2024-11-28") == "Thanksgiving Day")
        #expect(name(.us, "2024-05-27") == "Memorial Day")
    }
}

@Suite struct EnglandAndWalesTests {
    @Test func year2022() {
        #expect(dates(.uk, 2022) == [
            "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02",
            "2022-06-03", "2022-08-29", "2022-09-19", "2022-12-26", "2022-12-27",
        ])
        #expect(name(.uk, "2022-12-27") == "Christmas Day (substitute day)")
        #expect(name(.uk, "2022-06-03") == "Platinum Jubilee bank holiday")
    }

    @Test func year2020EarlyMayMovedToVEDay() {
        #expect(dates(.uk, 2020) == [
            "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08",
            "2020-05-25", "2020-08-31", "2020-12-25", "2020-12-28",
        ])
    }

    @Test func christmasOnSaturday2021() {
        #expect(dates(.uk, 2021) == [
            "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03",
            "2021-05-31", "2021-08-30", "2021-12-27", "2021-12-28",
        ])
    }

    @Test func year2023Coronation() {
        #expect(dates(.uk, 2023) == [
            "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08",
            "2023-05-29", "2023-08-28", "2023-12-25", "2023-12-26",
        ])
    }

    @Test func diamondJubilee2012() {
        #expect(name(.uk, "2012-05-28") == nil)
        #expect(name(.uk, "2012-06-04") == "Spring bank holiday")
        #expect(name(.uk, "2012-06-05") == "Diamond Jubilee bank holiday")
    }
}

@Suite struct GermanyTests {
    @Test func year2023() {
        #expect(dates(.de, 2023) == [
            "2023-01-01", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-18",
            "2023-05-29", "2023-10-03", "2023-12-25", "2023-12-26",
        ])
        #expect(name(.de, "2023-05-18") == "Christi Himmelfahrt")
        #expect(name(.de, "2023-05-29") == "Pfingstmontag")
    }

    @Test func reformationDayOnlyIn2017() {
        #expect(name(.de, "2017-10-31") == "Reformationstag")
        #expect(dates(.de, 2017).count == 10)
        #expect(name(.de, "2018-10-31") == nil)
    }

    @Test func noSubstituteDays() {
        #expect(name(.de, "2023-01-02") == nil)  // Neujahr was a Sunday
    }

    @Test func coincidingHolidaysShareOneEntry() {
        // Easter 2008 was 23 March, so Ascension fell on May Day.
        #expect(dates(.de, 2008).count == 8)
        #expect(name(.de, "2008-05-01") == "Tag der Arbeit / Christi Himmelfahrt")
    }
}

@Suite struct FranceTests {
    @Test func year2023() {
        #expect(dates(.fr, 2023) == [
            "2023-01-01", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-18", "2023-05-29",
            "2023-07-14", "2023-08-15", "2023-11-01", "2023-11-11", "2023-12-25",
        ])
        #expect(name(.fr, "2023-05-18") == "Ascension")
        #expect(name(.fr, "2023-04-07") == nil)  // no Good Friday outside Alsace-Moselle
    }
}
