import MailModel

/// One entity's mail per UTC day over its active span (first to last dated message).
struct DailySeries: Sendable {
    var first: Day
    /// Messages per day, index 0 = `first`.
    var counts: [Int32]
    /// Of those, the messages the mailbox owner sent.
    var fromOwner: [Int32]
    var undated: Int

    var last: Day { first.advanced(by: counts.count - 1) }
    var total: Int { counts.reduce(0) { $0 + Int($1) } }

    func day(_ offset: Int) -> Day { first.advanced(by: offset) }
    func offset(_ day: Day) -> Int { first.distance(to: day) }

    /// Messages in `days` (clamped to the span).
    func count(in days: ClosedRange<Day>) -> Int {
        let low = max(0, offset(days.lowerBound)), high = min(counts.count - 1, offset(days.upperBound))
        guard low <= high else { return 0 }
        return counts[low...high].reduce(0) { $0 + Int($1) }
    }

    func ownerCount(in days: ClosedRange<Day>) -> Int {
        let low = max(0, offset(days.lowerBound)), high = min(counts.count - 1, offset(days.upperBound))
        guard low <= high else { return 0 }
        return fromOwner[low...high].reduce(0) { $0 + Int($1) }
    }
}

/// Collects an entity's daily tallies while the store is scanned.
struct SeriesBuilder: Sendable {
    private var days: [Int32: (all: Int32, owner: Int32)] = [:]
    private(set) var undated = 0
    private(set) var dated = 0

    mutating func add(day: Day?, fromOwner: Bool) {
        guard let day else {
            undated += 1
            return
        }
        dated += 1
        days[Int32(day.index), default: (0, 0)].all += 1
        if fromOwner { days[Int32(day.index), default: (0, 0)].owner += 1 }
    }

    func build() -> DailySeries? {
        guard let low = days.keys.min(), let high = days.keys.max() else { return nil }
        var counts = [Int32](repeating: 0, count: Int(high - low) + 1)
        var owner = counts
        for (day, tally) in days {
            counts[Int(day - low)] = tally.all
            owner[Int(day - low)] = tally.owner
        }
        return DailySeries(first: Day(index: Int(low)), counts: counts, fromOwner: owner, undated: undated)
    }
}
