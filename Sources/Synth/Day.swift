import Foundation

/// A UTC calendar day, counted from 1970-01-01 in the proleptic Gregorian calendar. Plain integer
/// arithmetic (Hinnant's civil-date algorithms) instead of Foundation's Calendar: exact, fast,
/// and the same on every platform.
struct Day: Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
    static let seconds: Int64 = 86_400

    var index: Int

    init(index: Int) { self.index = index }

    init(_ year: Int, _ month: Int, _ day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        index = era * 146_097 + dayOfEra - 719_468
    }

    /// The day that contains a Unix time.
    init(containing time: Int64) {
        let (q, r) = time.quotientAndRemainder(dividingBy: Day.seconds)
        index = Int(r < 0 ? q - 1 : q)
    }

    var civil: (year: Int, month: Int, day: Int) {
        let z = index + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    var year: Int { civil.year }
    var month: Int { civil.month }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    var weekday: Int { ((index + 4) % 7 + 7) % 7 }

    var isWeekend: Bool { weekday == 0 || weekday == 6 }

    /// Unix time of 00:00:00 UTC.
    var start: Int64 { Int64(index) * Day.seconds }

    /// "YYYY-MM-DD".
    var description: String {
        let (y, m, d) = civil
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    static func < (a: Day, b: Day) -> Bool { a.index < b.index }
    func advanced(by n: Int) -> Day { Day(index: index + n) }
    func distance(to other: Day) -> Int { other.index - index }
}

/// Unix seconds as ISO 8601 in UTC, whole seconds: "2021-01-04T09:15:00Z".
func iso8601(_ time: Int64) -> String {
    let day = Day(containing: time)
    let second = Int(time - day.start)
    return "\(day)T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))Z"
}

func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
