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
/// entity's rate is below `threshold`. Weekends and holidays alone never make a gap.
enum GapDetector {
    /// One in ten thousand: a mailbox has about a thousand candidate runs over a few years, so
    /// chance alone flags one in ten such mailboxes, and only as the weakest kind of gap.
    static let threshold = log(1e-4)

    static func detect(_ series: DailySeries, calendar: BusinessCalendar) -> (runs: [SilentRun], model: RateModel) {
        let candidates = silentRuns(series, calendar: calendar)
        // First pass on the whole history; the second excludes what the first found, so that
        // neighbouring gaps do not lower each other's expected rate.
        let first = RateModel(series, calendar: calendar)
        let found = candidates.filter { first.silence($0).logProbability < threshold }
        let model = found.isEmpty ? first : RateModel(series, calendar: calendar, excluding: found)
        var runs: [SilentRun] = []
        for run in candidates {
            let (expected, logProbability) = model.silence(run)
            guard logProbability < threshold else { continue }
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
