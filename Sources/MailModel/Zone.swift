import Foundation

/// A UTC offset as an RFC 5322 `Date:` field states it: minutes east of UTC (`-0800` is -480).
public struct UTCOffset: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    /// Nil beyond ±23:59, which no zone uses and no valid header states.
    public init?(minutes: Int) {
        // Compared both ways rather than through abs(), which traps on Int.min (a hostile stream).
        guard minutes > -24 * 60, minutes < 24 * 60 else { return nil }
        self.minutes = minutes
    }

    public var seconds: Int64 { Int64(minutes) * 60 }

    /// "+05:30", "-08:00", "+00:00".
    public var description: String {
        let magnitude = abs(minutes)
        return (minutes < 0 ? "-" : "+") + pad(magnitude / 60, 2) + ":" + pad(magnitude % 60, 2)
    }

    public static func < (a: UTCOffset, b: UTCOffset) -> Bool { a.minutes < b.minutes }
}

/// An IANA time zone ("America/Los_Angeles") and its offsets over a span of years, kept as a
/// table of transitions: the analyses ask for the local day of every message, and a table
/// look-up is exact and far cheaper than asking Foundation each time. Outside the span it
/// asks Foundation.
public struct Zone: Hashable, Sendable, CustomStringConvertible {
    public let identifier: String
    private let timeZone: TimeZone
    /// Instants (Unix seconds) from which `offsets` apply, ascending; the first is the span's start.
    private let starts: [Int64]
    private let offsets: [Int64]

    public static let utc = Zone(identifier: "UTC")!

    /// Equal for zones with the same offsets from the same instants over the span: they place
    /// every instant of the span alike.
    public struct Rules: Hashable, Sendable {
        let starts: [Int64]
        let offsets: [Int64]
    }

    public var rules: Rules { Rules(starts: starts, offsets: offsets) }

    /// Nil for a name the time-zone database does not know.
    public init?(identifier: String, years: ClosedRange<Int> = 2000...2030) {
        guard let timeZone = TimeZone(identifier: identifier) else { return nil }
        self.identifier = identifier
        self.timeZone = timeZone
        var starts = [Day(years.lowerBound, 1, 1).start]
        var offsets = [Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(starts[0]))))]
        let end = Day(years.upperBound + 1, 1, 1).start
        var cursor = Date(timeIntervalSince1970: TimeInterval(starts[0]))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next.timeIntervalSince1970 < Double(end) {
            let instant = Int64(next.timeIntervalSince1970)
            let offset = Int64(timeZone.secondsFromGMT(for: next))
            if offset != offsets.last { starts.append(instant); offsets.append(offset) }
            cursor = next
        }
        starts.append(end)
        offsets.append(Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(end)))))
        self.starts = starts
        self.offsets = offsets
    }

    /// The zone's offset from UTC at an instant, in seconds.
    public func offset(at unixSeconds: Int64) -> Int64 {
        guard unixSeconds >= starts[0] else {
            return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds))))
        }
        // The last start is the span's end; beyond it the last offset is Foundation's too.
        var low = 0, high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= unixSeconds { low = middle } else { high = middle - 1 }
        }
        if low == starts.count - 1 {
            return Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(unixSeconds))))
        }
        return offsets[low]
    }

    /// The offsets at ascending instants, in one walk along the table: zone inference asks this
    /// of hundreds of candidate zones for every hour that has mail.
    public func offsets(ascending instants: [Int64]) -> [Int64] {
        var result: [Int64] = []
        result.reserveCapacity(instants.count)
        let end = starts.count - 1
        var index = 0
        for instant in instants {
            guard instant >= starts[0], instant < starts[end] else {
                result.append(offset(at: instant))
                continue
            }
            while index + 1 < end, starts[index + 1] <= instant { index += 1 }
            result.append(offsets[index])
        }
        return result
    }

    /// The wall-clock time at an instant, as seconds counted like Unix time: its day is the
    /// local day and its remainder the local time of day.
    public func local(_ unixSeconds: Int64) -> Int64 { unixSeconds + offset(at: unixSeconds) }

    /// The local calendar day an instant falls on.
    public func day(containing unixSeconds: Int64) -> Day { Day(containing: local(unixSeconds)) }

    /// The instant a local wall-clock time names. A time that a spring-forward skips is read with
    /// the offset before the change; one that a fall-back repeats, as its first occurrence.
    public func instant(_ day: Day, secondsAfterMidnight: Int64) -> Int64 {
        let wall = day.start + secondsAfterMidnight
        let before = wall - offset(at: wall - 86_400)
        let after = wall - offset(at: wall + 86_400)
        // The candidate whose own offset maps back to the wall time, the earlier if both do.
        if local(before) == wall { return min(before, local(after) == wall ? after : before) }
        if local(after) == wall { return after }
        return before
    }

    public var description: String { identifier }

    public static func == (a: Zone, b: Zone) -> Bool { a.identifier == b.identifier }
    public func hash(into hasher: inout Hasher) { hasher.combine(identifier) }
}
