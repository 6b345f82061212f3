import MailModel
/// Working days: days of the workweek that are not public holidays in any of the chosen regions
/// nor in a custom list. Mail volume follows this calendar, so timelines are measured in it.
public struct BusinessCalendar: Sendable {
    public let workweek: Workweek
    public let regions: [HolidayRegion]
    private let names: [Int: String]

    /// Holidays are precomputed for `years` plus one year either side, so that days just outside
    /// the range (a run that spills into January) still see their holidays. Custom holidays
    /// apply as given, whatever their year.
    public init(
        workweek: Workweek = .mondayToFriday,
        regions: [HolidayRegion] = [.us],
        custom: [Day: String] = [:],
        years: ClosedRange<Int>
    ) {
        var table: [Int: [String]] = [:]
        func add(_ day: Day, _ name: String) {
            if table[day.index]?.contains(name) != true { table[day.index, default: []].append(name) }
        }
        for region in regions {
            for year in (years.lowerBound - 1)...(years.upperBound + 1) {
                for (day, name) in Self.holidays(region, year: year) { add(day, name) }
            }
        }
        for (day, name) in custom { add(day, name) }
        self.workweek = workweek
        self.regions = regions
        names = table.mapValues { $0.joined(separator: " / ") }
    }

    /// The holiday's name, joined with " / " when several regions (or rules) name it differently.
    public func holiday(_ day: Day) -> String? { names[day.index] }
    public func isHoliday(_ day: Day) -> Bool { names[day.index] != nil }
    public func isWorkweekDay(_ day: Day) -> Bool { workweek.contains(day.weekday) }
    public func isBusinessDay(_ day: Day) -> Bool { isWorkweekDay(day) && !isHoliday(day) }

    /// How many business days the range holds.
    public func businessDays(_ range: ClosedRange<Day>) -> Int {
        range.reduce(0) { $0 + (isBusinessDay($1) ? 1 : 0) }
    }

    /// The day `count` business days after `day` (counting `day` itself as the first when it
    /// is a business day): the inclusive end of a run of `count` business days.
    public func endOfRun(startingAt day: Day, businessDays count: Int) -> Day {
        // Either would loop forever.
        precondition(count >= 1, "a run holds at least one business day")
        precondition(!workweek.days.isEmpty, "an empty workweek has no business days")
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

    /// One region's holidays dated in `year`, one entry per day (names joined with " / " when
    /// two holidays coincide, as Ascension and May Day did in 2008), sorted by date.
    public static func holidays(_ region: HolidayRegion, year: Int) -> [(day: Day, name: String)] {
        var byDay: [Day: [String]] = [:]
        for y in (year - 1)...(year + 1) {
            for (day, name) in region.rules(y) where day.year == year {
                if byDay[day]?.contains(name) != true { byDay[day, default: []].append(name) }
            }
        }
        return byDay.keys.sorted().map { ($0, byDay[$0]!.joined(separator: " / ")) }
    }
}
