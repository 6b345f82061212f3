/// A UTC calendar day, counted from 1970-01-01 in the proleptic Gregorian calendar. Plain integer
/// arithmetic (Hinnant's civil-date algorithms) instead of Foundation's Calendar: exact, fast,
/// and the same on every platform.
public struct Day: Hashable, Comparable, Strideable, Sendable, CustomStringConvertible {
    public static let seconds: Int64 = 86_400

    public var index: Int

    public init(index: Int) { self.index = index }

    /// Out-of-range months or days roll over rather than trap (2023-02-30 is 2023-03-02);
    /// `init?(iso:)` relies on that to detect invalid dates by round-tripping.
    public init(_ year: Int, _ month: Int, _ day: Int) {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        index = era * 146_097 + dayOfEra - 719_468
    }

    /// The day that contains a Unix time.
    public init(containing unixSeconds: Int64) {
        let (q, r) = unixSeconds.quotientAndRemainder(dividingBy: Day.seconds)
        index = Int(r < 0 ? q - 1 : q)
    }

    /// Exactly "YYYY-MM-DD"; nil for any other shape or for a date that does not exist.
    public init?(iso text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for byte in bytes[range] {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10) else { return nil }
        let candidate = Day(year, month, day)
        guard candidate.civil == (year, month, day) else { return nil }
        self = candidate
    }

    public var civil: (year: Int, month: Int, day: Int) {
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

    public var year: Int { civil.year }
    public var month: Int { civil.month }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    public var weekday: Int { ((index + 4) % 7 + 7) % 7 }

    public var isWeekend: Bool { weekday == 0 || weekday == 6 }

    /// Unix time of 00:00:00 UTC.
    public var start: Int64 { Int64(index) * Day.seconds }

    /// "YYYY-MM-DD".
    public var description: String {
        let (y, m, d) = civil
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (a: Day, b: Day) -> Bool { a.index < b.index }
    public func advanced(by n: Int) -> Day { Day(index: index + n) }
    public func distance(to other: Day) -> Int { other.index - index }
}

/// Unix seconds as ISO 8601 in UTC, whole seconds: "2021-01-04T09:15:00Z".
public func iso8601(_ unixSeconds: Int64) -> String {
    let day = Day(containing: unixSeconds)
    let second = Int(unixSeconds - day.start)
    return "\(day)T\(pad(second / 3600, 2)):\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))Z"
}

public func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
