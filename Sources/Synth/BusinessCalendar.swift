/// Working days for generation: Monday to Friday, minus US federal holidays (5 U.S.C. 6103).
/// Both the observed date (a Saturday holiday moves to Friday, a Sunday one to Monday) and the
/// date itself are quiet, so that e.g. July 4 never carries mail whatever its weekday.
struct BusinessCalendar: Sendable {
    private let holidays: [Int: String]

    init(years: ClosedRange<Int>) {
        var table: [Int: String] = [:]
        // One year either side: New Year's Day on a Saturday is observed on December 31.
        for year in (years.lowerBound - 1)...(years.upperBound + 1) {
            for (day, name) in Self.federalHolidays(year) {
                table[day.index] = name
                table[Self.observed(day).index] = name
            }
        }
        holidays = table
    }

    func holiday(_ day: Day) -> String? { holidays[day.index] }
    func isHoliday(_ day: Day) -> Bool { holidays[day.index] != nil }
    func isBusinessDay(_ day: Day) -> Bool { !day.isWeekend && !isHoliday(day) }

    /// The business days in a range, in order.
    func businessDays(_ range: ClosedRange<Day>) -> Int {
        range.reduce(0) { $0 + (isBusinessDay($1) ? 1 : 0) }
    }

    /// The day `count` business days after `day` (counting `day` itself as the first when it
    /// is a business day): the inclusive end of a run of `count` business days.
    func endOfRun(startingAt day: Day, businessDays count: Int) -> Day {
        var current = day
        var seen = 0
        while true {
            if isBusinessDay(current) {
                seen += 1
                if seen == count { return current }
            }
            current = current.advanced(by: 1)
        }
    }

    static func federalHolidays(_ year: Int) -> [(Day, String)] {
        var list: [(Day, String)] = [
            (Day(year, 1, 1), "New Year's Day"),
            (nth(3, weekday: 1, month: 1, year: year), "Birthday of Martin Luther King, Jr."),
            (nth(3, weekday: 1, month: 2, year: year), "Washington's Birthday"),
            (last(weekday: 1, month: 5, year: year), "Memorial Day"),
            (Day(year, 7, 4), "Independence Day"),
            (nth(1, weekday: 1, month: 9, year: year), "Labor Day"),
            (nth(2, weekday: 1, month: 10, year: year), "Columbus Day"),
            (Day(year, 11, 11), "Veterans Day"),
            (nth(4, weekday: 4, month: 11, year: year), "Thanksgiving Day"),
            (Day(year, 12, 25), "Christmas Day"),
        ]
        if year >= 2021 { list.append((Day(year, 6, 19), "Juneteenth National Independence Day")) }
        return list
    }

    static func observed(_ day: Day) -> Day {
        switch day.weekday {
        case 6: day.advanced(by: -1)
        case 0: day.advanced(by: 1)
        default: day
        }
    }

    /// The n-th given weekday (0 = Sunday) of a month.
    static func nth(_ n: Int, weekday: Int, month: Int, year: Int) -> Day {
        let first = Day(year, month, 1)
        let offset = (weekday - first.weekday + 7) % 7
        return first.advanced(by: offset + 7 * (n - 1))
    }

    static func last(weekday: Int, month: Int, year: Int) -> Day {
        let next = month == 12 ? Day(year + 1, 1, 1) : Day(year, month + 1, 1)
        let lastDay = next.advanced(by: -1)
        return lastDay.advanced(by: -((lastDay.weekday - weekday + 7) % 7))
    }
}
