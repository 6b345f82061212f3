import Foundation
import Workdays
import MailModel

/// A run of silent days that is improbable under the entity's expected rate.
struct SilentRun: Sendable {
    /// Every silent day of the run.
    var days: ClosedRange<Day>
    /// The run from its first to its last business day: what is reported.
    var reported: ClosedRange<Day>
    var businessDays: Int
    var expected: Double
    var logProbability: Double
    /// Holidays inside the run or on the days just around it.
    var holidays: [String]

    var probability: Double { exp(logProbability) }
}

/// Finds gaps: silent runs with at least one business day whose probability under the
/// entity's rate is below a threshold. Weekends and holidays alone never make a gap.
///
/// Counting silence alone cannot see a short gap in a quiet mailbox: at one in ten thousand, a
/// silence needs about 9 expected messages. But lost mail leaves traces: replies in the store
/// whose parent is absent and, by the reply's conversation index, was written inside the
/// silence. A silence of two or more business days that such replies point into needs less
/// improbability: one in ten with one reply, one in two with more (mail that answers what the
/// archive does not hold is itself the evidence). Without them, the threshold stands.
enum GapDetector {
    /// One in ten thousand: a mailbox has about a thousand candidate runs over a few years, so
    /// chance alone flags one in ten such mailboxes, and only as the weakest kind of gap.
    static let threshold = log(1e-4)
    static let oneReplyThreshold = log(0.1)
    static let repliesThreshold = log(0.5)

    /// The threshold for a run of `businessDays` that `replies` replies point into.
    static func threshold(replies: Int, businessDays: Int) -> Double {
        guard businessDays >= 2 else { return threshold }
        switch replies {
        case 0: return threshold
        case 1: return oneReplyThreshold
        default: return repliesThreshold
        }
    }

    /// `repliesInto` counts the replies whose absent parent was written on the given days.
    static func detect(_ series: DailySeries, calendar: BusinessCalendar,
                       repliesInto: (ClosedRange<Day>) -> Int = { _ in 0 }) -> (runs: [SilentRun], model: RateModel) {
        let candidates = silentRuns(series, calendar: calendar)
        let limits = candidates.map { run in
            let days = series.day(run.lowerBound)...series.day(run.upperBound)
            return threshold(replies: repliesInto(days), businessDays: calendar.businessDays(days))
        }
        // First pass on the whole history; the second excludes what the first found, so that
        // neighbouring gaps do not lower each other's expected rate.
        let first = RateModel(series, calendar: calendar)
        let found = zip(candidates, limits).filter { first.silence($0.0).logProbability < $0.1 }.map(\.0)
        let model = found.isEmpty ? first : RateModel(series, calendar: calendar, excluding: found)
        var runs: [SilentRun] = []
        for (run, limit) in zip(candidates, limits) {
            let (expected, logProbability) = model.silence(run)
            guard logProbability < limit else { continue }
            let days = series.day(run.lowerBound)...series.day(run.upperBound)
            let business = days.filter(calendar.isBusinessDay)
            let around = days.lowerBound.advanced(by: -1)...days.upperBound.advanced(by: 1)
            var holidays: [String] = []
            for day in around { if let name = calendar.holiday(day), !holidays.contains(name) { holidays.append(name) } }
            runs.append(SilentRun(days: days, reported: business.first!...business.last!, businessDays: business.count,
                                  expected: expected, logProbability: logProbability, holidays: holidays))
        }
        return (runs, model)
    }

    /// Maximal runs of days without mail that hold at least one business day (span offsets).
    static func silentRuns(_ series: DailySeries, calendar: BusinessCalendar) -> [ClosedRange<Int>] {
        var runs: [ClosedRange<Int>] = []
        var start: Int?
        var hasBusinessDay = false
        for offset in 0...series.counts.count {
            let silent = offset < series.counts.count && series.counts[offset] == 0
            if silent {
                if start == nil { start = offset; hasBusinessDay = false }
                if calendar.isBusinessDay(series.day(offset)) { hasBusinessDay = true }
            } else if let first = start {
                if hasBusinessDay { runs.append(first...offset - 1) }
                start = nil
            }
        }
        return runs
    }
}

/// A gap's severity from the mail it should have held and the business days it spans.
extension Severity {
    init(expected: Double, businessDays: Int) {
        switch (expected, businessDays) {
        case (100..., _), (20..., 10...): self = .critical
        case (30..., _), (10..., 5...): self = .major
        case (8..., 2...): self = .moderate
        default: self = .minor
        }
    }
}
