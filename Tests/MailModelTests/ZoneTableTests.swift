import Foundation
import MailModel
import Testing

@Suite struct UTCOffsetTests {
    /// Offsets come from hostile headers and from the worker stream: out-of-range values,
    /// Int.min included, are refused, never trapped on.
    @Test(arguments: [Int.min, Int.max, -1440, 1440, 100_000])
    func outOfRangeIsRefused(minutes: Int) {
        #expect(UTCOffset(minutes: minutes) == nil)
    }

    @Test func describedAsSignedHoursAndMinutes() throws {
        #expect(try #require(UTCOffset(minutes: -480)).description == "-08:00")
        #expect(try #require(UTCOffset(minutes: 345)).description == "+05:45")
        #expect(try #require(UTCOffset(minutes: 0)).description == "+00:00")
        #expect(try #require(UTCOffset(minutes: 1439)).seconds == 86_340)
    }
}

@Suite struct ZoneTableTests {
    /// The transition table gives Foundation's offset at every hour of two years around both of
    /// Los Angeles' changes of clock, and past the table's span.
    @Test func offsetsAgreeWithFoundation() throws {
        let zone = try #require(Zone(identifier: "America/Los_Angeles", years: 2021...2022))
        let foundation = try #require(TimeZone(identifier: "America/Los_Angeles"))
        for hour in stride(from: Int64(1_600_000_000), to: 1_700_000_000, by: 3600) {
            #expect(zone.offset(at: hour) == Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(hour)))))
        }
        #expect(Zone(identifier: "Nowhere/Atlantis") == nil)
    }

    /// The walk along the table for ascending instants gives what one look-up per instant gives,
    /// repeated instants and instants outside the table's span included.
    @Test func ascendingOffsetsAgreeWithLookUps() throws {
        let zone = try #require(Zone(identifier: "Europe/London", years: 2021...2022))
        let instants = stride(from: Int64(1_580_000_000), to: 1_700_000_000, by: 1_700).flatMap { [$0, $0] }
        #expect(zone.offsets(ascending: instants) == instants.map(zone.offset(at:)))
        #expect(zone.offsets(ascending: []) == [])
    }

    /// Local wall-clock times map back to the instants that show them; a skipped hour reads with
    /// the offset before the change.
    @Test func wallClockTimesRoundTrip() throws {
        let zone = try #require(Zone(identifier: "Europe/Berlin", years: 2023...2023))
        let day = Day(2023, 3, 26)  // clocks go from 02:00 to 03:00
        #expect(zone.local(zone.instant(day, secondsAfterMidnight: 9 * 3600)) == day.start + 9 * 3600)
        #expect(zone.instant(day, secondsAfterMidnight: 2 * 3600 + 1800) == day.start + 5400)  // 02:30 at +01:00
        #expect(zone.day(containing: Day(2023, 7, 1).start - 3600) == Day(2023, 7, 1))
    }
}
