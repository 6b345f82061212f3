import Testing
import Workdays

@Suite struct WorkweekTests {
    @Test(arguments: [
        ("mon-fri", [1, 2, 3, 4, 5]),
        ("sun-thu", [0, 1, 2, 3, 4]),
        ("mon,tue,wed,thu", [1, 2, 3, 4]),
        ("mon-thu,sat", [1, 2, 3, 4, 6]),
        ("sat-wed", [6, 0, 1, 2, 3]),
        ("MON-Fri", [1, 2, 3, 4, 5]),
        (" mon - wed , fri ", [1, 2, 3, 5]),
        ("sun", [0]),
    ])
    func parses(_ text: String, _ days: [Int]) {
        #expect(Workweek(parsing: text)?.days == Set(days))
    }

    @Test(arguments: ["", "funday", "mon-", "-fri", "mon,,tue", "mon-tue-wed", "monday", "mon,"])
    func rejects(_ text: String) {
        #expect(Workweek(parsing: text) == nil)
    }

    @Test func mondayToFriday() {
        #expect(Workweek(parsing: "mon-fri") == .mondayToFriday)
        #expect(Workweek.mondayToFriday.contains(1))
        #expect(!Workweek.mondayToFriday.contains(0))
        #expect(!Workweek.mondayToFriday.contains(6))
    }

    @Test func canonicalDescriptions() {
        #expect(Workweek.mondayToFriday.description == "mon-fri")
        #expect(Workweek(days: [1, 3, 5]).description == "mon,wed,fri")
        #expect(Workweek(days: [1, 2, 3, 4]).description == "mon-thu")
        #expect(Workweek(days: [1, 2, 3, 4, 6]).description == "mon-thu,sat")
        #expect(Workweek(days: [6, 0, 1, 2, 3]).description == "sat-wed")
        #expect(Workweek(days: [0, 6]).description == "sat,sun")
        #expect(Workweek(days: [1, 2]).description == "mon,tue")
        #expect(Workweek(days: Set(0...6)).description == "sun-sat")
    }

    @Test func everyNonEmptyWeekRoundTrips() {
        for mask in 1..<128 {
            let week = Workweek(days: Set((0...6).filter { mask & (1 << $0) != 0 }))
            #expect(Workweek(parsing: week.description) == week, "\(week)")
        }
    }
}
