import Foundation
import Workdays

/// The expected daily rate of one entity: a day-class profile (each workweek day, days off,
/// holidays) times a local level, both estimated from the entity's own history.
///
/// The level for a candidate gap comes from the days on either side of it, never from the gap
/// itself, and from windows that widen until they hold enough mail: a frequent correspondent is
/// judged on the last few weeks, a monthly one on the last year. Days inside gaps already found
/// can be excluded, so that one gap does not hide its neighbour. Daily counts are capped
/// (winsorised) first, so one mass mailing cannot inflate the level.
struct RateModel: Sendable {
    /// The profile weight of each day of the span (1 = an average business day).
    let weights: [Double]
    /// Negative-binomial shape of day-to-day variation; `nil` when the mail is no burstier than
    /// Poisson. Bursty mail makes silence likelier, so gaps must be longer to count.
    let dispersion: Double?
    private let cumulativeCounts: [Double]
    private let cumulativeWeights: [Double]

    /// Mail each level window must hold before it stops widening.
    static let windowMessages = 20.0
    static let firstWindow = 28
    static let widestWindow = 364
    /// A window must span at least two working weeks' worth of profile weight to be trusted.
    static let minimumWeight = 10.0

    init(_ series: DailySeries, calendar: BusinessCalendar, excluding excluded: [ClosedRange<Int>] = []) {
        let n = series.counts.count
        var skip = [Bool](repeating: false, count: n)
        for run in excluded { for offset in run where offset >= 0 && offset < n { skip[offset] = true } }

        // Day classes: 0…6 workweek weekdays, 7 days off, 8 holidays on workweek days.
        var classes = [Int](repeating: 7, count: n)
        for offset in 0..<n {
            let day = series.day(offset)
            if calendar.isWorkweekDay(day) { classes[offset] = calendar.isHoliday(day) ? 8 : day.weekday }
        }
        var counts = Self.winsorised(series.counts, classes: classes)
        weights = Self.profile(counts, classes: classes, skip: skip)
        // The span is defined by its first and last message: those two are certain, not a
        // sample of the rate, and would inflate sparse entities' levels at the edges.
        counts[0] = max(0, counts[0] - 1)
        counts[n - 1] = max(0, counts[n - 1] - 1)

        var sumCounts = [Double](repeating: 0, count: n + 1)
        var sumWeights = [Double](repeating: 0, count: n + 1)
        for offset in 0..<n {
            sumCounts[offset + 1] = sumCounts[offset] + (skip[offset] ? 0 : counts[offset])
            sumWeights[offset + 1] = sumWeights[offset] + (skip[offset] ? 0 : weights[offset])
        }
        cumulativeCounts = sumCounts
        cumulativeWeights = sumWeights
        dispersion = Self.dispersion(counts, weights: weights, classes: classes, skip: skip,
                                     sumCounts: sumCounts, sumWeights: sumWeights)
    }

    /// Mail per unit of profile weight around `run` (span offsets), excluding the run itself:
    /// the lower of the levels just before and just after it, so that a lasting drop in volume
    /// next to a silence does not make the silence look improbable.
    func level(around run: ClosedRange<Int>) -> Double {
        let before = side(from: run.lowerBound, step: -1), after = side(from: run.upperBound + 1, step: 1)
        let solid = [before, after].filter { $0.weight >= Self.minimumWeight }
        if !solid.isEmpty { return solid.map { $0.mail / $0.weight }.min()! }
        // Neither side alone says enough (a short span): both together, or nothing.
        let weight = before.weight + after.weight
        return weight >= Self.minimumWeight ? (before.mail + after.mail) / weight : 0
    }

    /// A window that starts at `start` and widens away from the run until it holds enough
    /// mail, reaches the widest window or meets the end of the span.
    private func side(from start: Int, step: Int) -> (mail: Double, weight: Double) {
        let n = weights.count
        var width = Self.firstWindow
        while true {
            let low = step < 0 ? max(0, start - width) : start
            let high = step < 0 ? start : min(n, start + width)
            let mail = sum(cumulativeCounts, low, high), weight = sum(cumulativeWeights, low, high)
            let atEdge = step < 0 ? low == 0 : high >= n
            if mail >= Self.windowMessages || width >= Self.widestWindow || atEdge { return (mail, weight) }
            width *= 2
        }
    }

    /// Expected messages on the days of `run`, and the natural log of the probability that all
    /// of them are silent under that expectation.
    func silence(_ run: ClosedRange<Int>) -> (expected: Double, logProbability: Double) {
        let level = level(around: run)
        var expected = 0.0, logProbability = 0.0
        for offset in run {
            let mean = level * weights[offset]
            expected += mean
            if let k = dispersion {
                logProbability += k * log(k / (k + mean))
            } else {
                logProbability -= mean
            }
        }
        return (expected, logProbability)
    }

    private func sum(_ cumulative: [Double], _ from: Int, _ to: Int) -> Double {
        to > from ? cumulative[to] - cumulative[from] : 0
    }

    /// Caps each day at 1.5 times the 99th percentile of business days with mail (at least 3).
    private static func winsorised(_ counts: [Int32], classes: [Int]) -> [Double] {
        let busy = zip(counts, classes).filter { $0.0 > 0 && $0.1 < 7 }.map { Double($0.0) }.sorted()
        let cap = busy.isEmpty ? .infinity : max(3, 1.5 * busy[min(busy.count - 1, Int(Double(busy.count) * 0.99))])
        return counts.map { min(Double($0), cap) }
    }

    /// Each class's mean relative to the mean business day, shrunk toward a prior (days off
    /// and holidays quiet, weekdays alike) so that sparse histories stay sensible.
    private static func profile(_ counts: [Double], classes: [Int], skip: [Bool]) -> [Double] {
        var sums = [Double](repeating: 0, count: 9), days = [Double](repeating: 0, count: 9)
        for offset in counts.indices where !skip[offset] {
            sums[classes[offset]] += counts[offset]
            days[classes[offset]] += 1
        }
        let businessMail = sums[0..<7].reduce(0, +), businessDays = days[0..<7].reduce(0, +)
        guard businessMail > 0, businessDays > 0 else { return classes.map { _ in 1 } }
        let mean = businessMail / businessDays
        let prior: [Double] = [1, 1, 1, 1, 1, 1, 1, 0.1, 0.2]
        let strength = 8.0
        let classWeight = (0..<9).map { k in (sums[k] + strength * prior[k] * mean) / (days[k] + strength) / mean }
        return classes.map { classWeight[$0] }
    }

    /// Pearson dispersion of business days around a centred four-week level; a shape k for
    /// the negative binomial when the mail is clearly burstier than Poisson.
    private static func dispersion(_ counts: [Double], weights: [Double], classes: [Int], skip: [Bool],
                                   sumCounts: [Double], sumWeights: [Double]) -> Double? {
        let n = counts.count
        var chi = 0.0, means = 0.0, days = 0.0
        for offset in 0..<n where classes[offset] < 7 && !skip[offset] {
            let low = max(0, offset - 14), high = min(n, offset + 15)
            let weight = sumWeights[high] - sumWeights[low]
            guard weight > 0 else { continue }
            let mean = (sumCounts[high] - sumCounts[low]) / weight * weights[offset]
            guard mean > 0 else { continue }
            chi += (counts[offset] - mean) * (counts[offset] - mean) / mean
            means += mean
            days += 1
        }
        guard days >= 20 else { return nil }
        let phi = chi / days
        guard phi > 1.1 else { return nil }
        return max(0.5, (means / days) / (phi - 1))
    }
}
