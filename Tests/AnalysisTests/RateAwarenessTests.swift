import MailModel
import Foundation
import Testing
import Workdays
@testable import Analysis

/// The expected rate comes from each entity's own history: a silence alarming for one
/// correspondent is ordinary for another.
struct RateAwarenessTests {
    static let calendar = BusinessCalendar(years: 2021...2023)

    /// A reproducible series: Poisson counts at `perBusinessDay` on business days (a tenth of
    /// that on days off), with the days in `silent` empty.
    static func series(perBusinessDay rate: Double, from first: Day, days: Int, silent: ClosedRange<Day>? = nil,
                       seed: UInt64 = 7) -> DailySeries {
        var state = seed
        func uniform() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(1 << 53)
        }
        func poisson(_ mean: Double) -> Int32 {
            var k: Int32 = 0, p = 1.0
            let limit = exp(-mean)
            while true {
                p *= uniform()
                if p <= limit { return k }
                k += 1
            }
        }
        var counts: [Int32] = []
        for offset in 0..<days {
            let day = first.advanced(by: offset)
            let mean = calendar.isBusinessDay(day) ? rate : rate / 10
            counts.append(silent?.contains(day) == true ? 0 : poisson(mean))
        }
        counts[0] = max(counts[0], 1)
        counts[days - 1] = max(counts[days - 1], 1)
        return DailySeries(first: first, counts: counts, fromOwner: counts.map { _ in 0 }, undated: 0)
    }

    /// Monthly mail: one message on the first business day of every month for two years.
    static func monthly(silentFrom silence: ClosedRange<Day>) -> DailySeries {
        let first = Day(2021, 1, 4)
        var counts = [Int32](repeating: 0, count: 730)
        var month = (2021, 1)
        for offset in counts.indices {
            let day = first.advanced(by: offset)
            if (day.year, day.month) >= month, calendar.isBusinessDay(day), !silence.contains(day) {
                counts[offset] = 1
                month = day.month == 12 ? (day.year + 1, 1) : (day.year, day.month + 1)
            }
        }
        return DailySeries(first: first, counts: counts, fromOwner: counts.map { _ in 0 }, undated: 0)
    }

    @Test func aMonthlyCorrespondentIsNotFlaggedForThreeQuietWeeks() {
        // 2022-03-07 … 2022-03-25: three working weeks with nothing, inside a monthly rhythm.
        let series = Self.monthly(silentFrom: Day(2022, 3, 7)...Day(2022, 3, 25))
        #expect(series.total >= 22)
        let runs = GapDetector.detect(series, calendar: Self.calendar).runs
        #expect(runs.isEmpty, "flagged: \(runs.map { "\($0.reported) p=\($0.probability)" })")
    }

    @Test func aTwentyADayCorrespondentIsFlaggedForThreeQuietBusinessDays() {
        let silence = Day(2022, 5, 10)...Day(2022, 5, 12)  // Tuesday to Thursday
        let series = Self.series(perBusinessDay: 20, from: Day(2022, 1, 3), days: 240, silent: silence)
        let runs = GapDetector.detect(series, calendar: Self.calendar).runs
        #expect(runs.count == 1)
        let run = try! #require(runs.first)
        #expect(run.reported == silence)
        #expect(run.businessDays == 3)
        #expect(run.expected > 45 && run.expected < 75, "about 60 expected, got \(run.expected)")
        #expect(Severity(expected: run.expected, businessDays: run.businessDays) >= .major)
    }

    @Test func theSameSilenceIsOrdinaryAtALowRate() {
        let silence = Day(2022, 5, 10)...Day(2022, 5, 12)
        let series = Self.series(perBusinessDay: 0.5, from: Day(2022, 1, 3), days: 240, silent: silence)
        let runs = GapDetector.detect(series, calendar: Self.calendar).runs
        #expect(!runs.contains { $0.days.overlaps(silence) })
    }

    @Test func weekendsAndHolidaysAloneNeverMakeAGap() {
        // Heavy mail on business days, none at all on weekends and holidays.
        let first = Day(2021, 1, 4)
        var counts: [Int32] = []
        for offset in 0..<700 {
            counts.append(Self.calendar.isBusinessDay(first.advanced(by: offset)) ? 30 : 0)
        }
        let series = DailySeries(first: first, counts: counts, fromOwner: counts.map { _ in 0 }, undated: 0)
        #expect(GapSilence.candidates(series).isEmpty)
        #expect(GapDetector.detect(series, calendar: Self.calendar).runs.isEmpty)
    }

    @Test func theLevelFollowsARealChangeInVolume() {
        // Ten a day for a year, then two a day: the quieter months are not a gap.
        let busy = Self.series(perBusinessDay: 10, from: Day(2021, 1, 4), days: 365)
        let quiet = Self.series(perBusinessDay: 2, from: Day(2022, 1, 4), days: 365, seed: 9)
        let series = DailySeries(first: busy.first, counts: busy.counts + quiet.counts,
                                 fromOwner: [Int32](repeating: 0, count: 730), undated: 0)
        let runs = GapDetector.detect(series, calendar: Self.calendar).runs
        #expect(runs.allSatisfy { Severity(expected: $0.expected, businessDays: $0.businessDays) < .moderate },
                "\(runs.map { "\($0.reported) \($0.expected)" })")
    }
}

/// Helper for the weekend test: candidate runs as the detector sees them.
enum GapSilence {
    static func candidates(_ series: DailySeries) -> [ClosedRange<Int>] {
        GapDetector.silentRuns(series, calendar: RateAwarenessTests.calendar)
    }
}
