import Testing
import MailModel

@Suite struct DayTests {
    @Test func epochAndKnownIndices() {
        #expect(Day(1970, 1, 1).index == 0)
        #expect(Day(1970, 1, 1).weekday == 4)  // Thursday
        #expect(Day(2000, 1, 1).index == 10_957)  // 946684800 / 86400
        #expect(Day(1969, 12, 31).index == -1)
        #expect(Day(2023, 11, 14).start == 1_699_920_000)
    }

    @Test func weekdays() {
        #expect(Day(2023, 6, 19).weekday == 1)  // Monday
        #expect(Day(2023, 7, 1).weekday == 6)
        #expect(Day(2023, 7, 1).isWeekend)
        #expect(Day(2023, 7, 2).isWeekend)
        #expect(!Day(2023, 7, 3).isWeekend)
        #expect(Day(1900, 1, 1).weekday == 1)  // Monday
    }

    @Test func containingUnixTime() {
        #expect(Day(containing: 0) == Day(1970, 1, 1))
        #expect(Day(containing: -1) == Day(1969, 12, 31))
        #expect(Day(containing: 86_399) == Day(1970, 1, 1))
        #expect(Day(containing: 86_400) == Day(1970, 1, 2))
        #expect(Day(containing: 1_700_000_000).description == "2023-11-14")
    }

    @Test func iso8601Timestamps() {
        #expect(iso8601(0) == "1970-01-01T00:00:00Z")
        #expect(iso8601(-1) == "1969-12-31T23:59:59Z")
        #expect(iso8601(1_700_000_000) == "2023-11-14T22:13:20Z")
    }

    @Test func padding() {
        #expect(pad(7, 2) == "07")
        #expect(pad(5, 4) == "0005")
        #expect(pad(2023, 2) == "2023")
    }

    @Test func strideAndCompare() {
        let a = Day(2023, 12, 30), b = Day(2024, 1, 2)
        #expect(a < b)
        #expect(a.distance(to: b) == 3)
        #expect(a.advanced(by: 3) == b)
        #expect((a...b).count == 4)
        #expect(Day(1900, 1, 1).distance(to: Day(2100, 12, 31)) == 73_413)  // 201 years, 49 leap days
    }

    /// Walks every day 1900-2100 against an independent month-length count, and round-trips each
    /// through its description.
    @Test func roundTrip1900To2100() {
        func isLeap(_ y: Int) -> Bool { y % 4 == 0 && (y % 100 != 0 || y % 400 == 0) }
        let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var (y, m, d) = (1900, 1, 1)
        var day = Day(1900, 1, 1)
        var failures = 0
        while y <= 2100 {
            let text = "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
            if day.description != text || Day(iso: text) != day || day.civil != (y, m, d) || Day(y, m, d) != day {
                failures += 1
            }
            day = day.advanced(by: 1)
            d += 1
            if d > lengths[m - 1] + (m == 2 && isLeap(y) ? 1 : 0) { d = 1; m += 1 }
            if m > 12 { m = 1; y += 1 }
        }
        #expect(failures == 0)
        #expect(day == Day(2101, 1, 1))
    }

    @Test(arguments: ["2023-2-3", "2023-02-30", "abcd-ef-gh", "", "2023-02-29", "1900-02-29",
                      "2023-13-01", "2023-00-10", "2023-01-00", "2023-01-01 ", "+023-01-01", "2023/01/01"])
    func isoRejects(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test func isoAcceptsLeapDays() {
        #expect(Day(iso: "2024-02-29") == Day(2024, 2, 29))
        #expect(Day(iso: "2000-02-29") == Day(2000, 2, 29))
    }
}
